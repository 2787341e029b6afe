package kindgen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// update makes TestGeneratedFilesUpToDate write the generated files
// (`make generate-kinds`) before comparing them.
var update = flag.Bool("update", false, "write the generated files")

// TestGeneratedFilesUpToDate fails when a committed generated file differs
// from what the registry and the templates give: run `make generate-kinds`.
func TestGeneratedFilesUpToDate(t *testing.T) {
	if *update {
		if err := Write(filepath.Join("..", "..")); err != nil {
			t.Fatal(err)
		}
	}
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	files, err := generate(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", f.path))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, f.data) {
			t.Errorf("%s is stale: run `make generate-kinds`", f.path)
		}
	}
}

// TestGenerateWritesEveryFile runs Write into a scratch tree and proves the
// staleness test compares what Write writes.
func TestGenerateWritesEveryFile(t *testing.T) {
	root := t.TempDir()
	for _, dir := range []string{"docs", "policies/lib", "analyzer/engine/schema"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(root); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{modelDoc, regoTesting, inputSchema} {
		b, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) == 0 {
			t.Errorf("%s is empty", p)
		}
	}
}

// TestRegoDefaultsNeedAnObject: a nested object type with a Rego builder
// needs a value in the kind's test-default example.
func TestRegoDefaultsNeedAnObject(t *testing.T) {
	reg, err := kinds.Default()
	if err != nil {
		t.Fatal(err)
	}
	k := *reg.Kind("aws.ec2.security_group")
	ex := *k.TestDefault()
	props := map[string]any{}
	for key, v := range ex.Properties {
		props[key] = v
	}
	props["ingress"] = []any{}
	ex.Properties = props
	k.Examples = []kinds.Example{ex}
	if _, err := regoObjects(&k); err == nil {
		t.Error("rule_defaults rendered from an example without rules")
	}
}
