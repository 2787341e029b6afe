package report

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestPolicySourcesReported: the user policy sources of a scan are in the
// JSON report (policies) and in SARIF (tool.extensions, the revision as the
// component's version), and neither key appears for a built-in-only scan.
func TestPolicySourcesReported(t *testing.T) {
	res := sampleResult()
	res.Policies = []result.PolicySource{
		{Path: "acme-policies", Kind: "git", Revision: "0123456789abcdef0123456789abcdef01234567", Digest: "sha256:aa", Files: 3},
		{Path: "vendor/b.tar.gz", Kind: "bundle", Digest: "sha256:bb", Files: 1},
	}
	var doc struct {
		Policies []map[string]any `json:"policies"`
	}
	if err := json.Unmarshal(render(t, "json", Options{Tool: tool}, res), &doc); err != nil {
		t.Fatal(err)
	}
	want := []map[string]any{
		{"path": "acme-policies", "kind": "git", "revision": "0123456789abcdef0123456789abcdef01234567", "digest": "sha256:aa", "files": float64(3)},
		{"path": "vendor/b.tar.gz", "kind": "bundle", "digest": "sha256:bb", "files": float64(1)},
	}
	if !reflect.DeepEqual(doc.Policies, want) {
		t.Errorf("json policies = %v, want %v", doc.Policies, want)
	}
	var sarif struct {
		Runs []struct {
			Tool map[string]json.RawMessage `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", Options{Tool: tool}, res), &sarif); err != nil {
		t.Fatal(err)
	}
	var ext []struct {
		Name       string         `json:"name"`
		Version    string         `json:"version"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(sarif.Runs[0].Tool["extensions"], &ext); err != nil {
		t.Fatal(err)
	}
	if len(ext) != 2 || ext[0].Name != "acme-policies" || ext[0].Version != res.Policies[0].Revision || ext[0].Properties["digest"] != "sha256:aa" || ext[1].Version != "" || ext[1].Properties["kind"] != "bundle" {
		t.Errorf("sarif tool.extensions = %+v", ext)
	}

	plain := sampleResult()
	var none map[string]any
	if err := json.Unmarshal(render(t, "json", Options{Tool: tool}, plain), &none); err != nil {
		t.Fatal(err)
	}
	if _, ok := none["policies"]; ok {
		t.Error("a built-in-only scan must not report policies")
	}
	var plainSARIF struct {
		Runs []struct {
			Tool map[string]json.RawMessage `json:"tool"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", Options{Tool: tool}, plain), &plainSARIF); err != nil {
		t.Fatal(err)
	}
	if _, ok := plainSARIF.Runs[0].Tool["extensions"]; ok {
		t.Error("a built-in-only scan must not report tool.extensions")
	}
}
