package engine

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/policies"
)

// orderingOperators are the comparisons for which Rego sorts null (Unknown)
// below every number, so `r.from_port <= 22` is true for an unknown port.
var orderingOperators = map[string]bool{"lt": true, "lte": true, "gt": true, "gte": true}

// rawPortComparisons reports comparisons of a port property outside the
// lib, where the helpers check is_number first (docs/decisions.md).
func rawPortComparisons(name string, m *ast.Module) []string {
	var out []string
	ast.WalkExprs(m, func(e *ast.Expr) bool {
		if !e.IsCall() || !orderingOperators[e.Operator().String()] {
			return false
		}
		for _, op := range e.Operands() {
			ref, ok := op.Value.(ast.Ref)
			if !ok {
				continue
			}
			last := ref[len(ref)-1].Value
			if s, ok := last.(ast.String); ok && strings.HasSuffix(string(s), "_port") {
				out = append(out, name+": "+e.String())
			}
		}
		return false
	})
	return out
}

func TestRulesCompareNoPortsDirectly(t *testing.T) {
	err := fs.WalkDir(policies.FS, "aws", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, path)
		if err != nil {
			return err
		}
		m, err := ast.ParseModule(path, string(src))
		if err != nil {
			return err
		}
		for _, p := range rawPortComparisons(path, m) {
			t.Errorf("%s compares a port directly; use the lib's port helpers (they treat Unknown as unknown)", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRawPortComparisonDetector(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"package x\nr if { input.rule.from_port <= 22 }", 1},
		{"package x\nr if { 22 < input.rule.to_port }", 1},
		{"package x\nr if { some rule in input.rules; rule.to_port >= rule.from_port }", 2},
		{"package x\nr if { input.rule.from_port == 22 }", 0},
		{"package x\nr if { data.rampart.lib.covers_port(input.rule, 22) }", 0},
	}
	for _, tt := range tests {
		m := ast.MustParseModule(tt.src)
		if got := len(rawPortComparisons("x.rego", m)); got != tt.want {
			t.Errorf("%q: %d reports, want %d", tt.src, got, tt.want)
		}
	}
}
