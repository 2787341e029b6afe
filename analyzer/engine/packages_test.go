package engine

import (
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestPackageIndexAnswersAsOverlaps: the index returns, for each
// reference, exactly the packages overlaps accepts.
func TestPackageIndexAnswersAsOverlaps(t *testing.T) {
	pkgs := []string{"data.rampart.lib", "data.rampart.lib.sg", "data.rampart.rules.sg_open", "data.acme.rules.tags", "data.acme.lib"}
	refs := []string{"data", "data.rampart", "data.rampart.lib.finding", "data.rampart.lib.sg.groups[x]", "data.rampart.rules",
		"data.rampart.rules[r].deny", "data.acme", "data.acme.rules.tags.deny", "data.acmes.lib", "data.rampart.lib.s", "data[x].lib"}
	ix := newPackageIndex[string]()
	for _, p := range pkgs {
		ix.add(ast.MustParseRef(p), p)
	}
	for _, r := range refs {
		ref := ast.MustParseRef(r)
		var want []string
		for _, p := range pkgs {
			if overlaps(ref, ast.MustParseRef(p)) {
				want = append(want, p)
			}
		}
		got := slices.Compact(slices.Sorted(slices.Values(ix.reading(ref))))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s reads %v, want %v", r, got, want)
		}
	}
}
