package analyzer

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// utf16LE encodes s as Windows PowerShell saves text: UTF-16LE with a BOM.
func utf16LE(s string) string {
	out := binary.LittleEndian.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		out = binary.LittleEndian.AppendUint16(out, u)
	}
	return string(out)
}

// TestStructuredFilesFailClosed pins the status of files that detection used
// to pass over: a gate must not pass a template nobody checked.
func TestStructuredFilesFailClosed(t *testing.T) {
	const tmpl = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n"
	plan, err := os.ReadFile("../testdata/terraform/plan/web/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := writeFiles(t, map[string]string{
		"utf16.yaml":         utf16LE(tmpl),
		"utf16-plan.json":    utf16LE(string(plan)),
		"bom.yaml":           "\ufeff" + tmpl,
		"doc-style.json":     "{\n  \"Resources\" : {\n    \"V\" : {\n      \"Type\" : \"AWS::EC2::VPC\",\n    }\n  }\n}\n",
		"two-docs.yaml":      tmpl + "---\n" + tmpl,
		"after-empty.yaml":   "---\n---\n" + tmpl,
		"k8s.yaml":           "apiVersion: v1\nkind: ConfigMap\ndata:\n  Resources: none\n---\napiVersion: v1\nkind: Service\n",
		"huge-template.yaml": "# generated\n\nDescription: big\nResources:\n",
		"huge-lock.json":     `{"name": "app", "lockfileVersion": 3, "packages": {`,
	})
	for _, name := range []string{"huge-template.yaml", "huge-lock.json"} {
		if err := os.Truncate(filepath.Join(dir, name), 11<<20); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		status result.FileStatus
		typ    string
		reason string
	}{
		"utf16.yaml":         {result.FileScanned, "cloudformation", ""},
		"utf16-plan.json":    {result.FileScanned, "terraform-plan", ""},
		"bom.yaml":           {result.FileScanned, "cloudformation", ""},
		"doc-style.json":     {result.FileFailed, "cloudformation", "invalid JSON"},
		"two-docs.yaml":      {result.FileFailed, "cloudformation", "more than one YAML document"},
		"after-empty.yaml":   {result.FileFailed, "cloudformation", "more than one YAML document"},
		"k8s.yaml":           {result.FileIgnored, "", "more than one YAML document"},
		"huge-template.yaml": {result.FileFailed, "cloudformation", "too large to analyse"},
		"huge-lock.json":     {result.FileIgnored, "", `first key "name" is not a template section`},
	}
	seen := 0
	for _, f := range res.Files {
		name := filepath.Base(f.Path)
		w, ok := want[name]
		if !ok {
			continue
		}
		seen++
		if f.Status != w.status || f.Type != w.typ || !strings.Contains(f.Reason, w.reason) {
			t.Errorf("%s: %s %q (%s), want %s %q containing %q", name, f.Status, f.Type, f.Reason, w.status, w.typ, w.reason)
		}
	}
	if seen != len(want) {
		t.Errorf("%d of %d files accounted for: %+v", seen, len(want), res.Files)
	}
}
