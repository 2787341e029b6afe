package plan

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// FuzzParse checks that no input makes Parse panic and that everything it
// produces is located: every resource, value, edge and diagnostic names a
// file and a line. With withConfig the plan is parsed as if it sat in the
// web fixture, so the .tf files are read and matched against it.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"web", "noconfig"} {
		src, err := os.ReadFile(filepath.Join(fixtures, dir, "plan.json"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src, true)
		f.Add(src, false)
	}
	f.Add([]byte(`{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"address": "aws_vpc.a", "mode": "managed", "type": "aws_vpc", "name": "a", "values": {"x": [1]}}]}}, "resource_changes": [{"address": "aws_vpc.a", "change": {"after_unknown": {"x": [false, true], "y": {"z": [true]}}, "after_sensitive": {"x": true}}}]}`), false)
	f.Add([]byte(`{"format_version": "0.1", "planned_values": {}, "configuration": {"root_module": {"module_calls": {"m": {"source": "../x", "module": {"outputs": {"o": {"expression": {"references": ["var.v"]}}}}}}}}}`), true)
	f.Add([]byte("\xef\xbb\xbf{}"), false)

	webPlan := filepath.Join(fixtures, "web", "plan.json")
	f.Fuzz(func(t *testing.T, src []byte, withConfig bool) {
		path, root := "fuzz/plan.json", t.TempDir()
		if withConfig {
			path, root = webPlan, fixtures
		}
		IsPlan(src)
		u := Parse(context.Background(), path, src, Options{Root: root})
		for _, d := range u.Diagnostics {
			if !d.Location.Known() {
				t.Errorf("diagnostic without a line: %v", d)
			}
		}
		for _, r := range u.Resources {
			if r.Attrs == nil || r.Attrs.Kind != graph.KindMap {
				t.Errorf("%s: attributes are not a map", r.ID)
				continue
			}
			if !r.Loc.Known() {
				t.Errorf("%s has no location", r.ID)
			}
			r.Attrs.Walk(func(p graph.Path, v *graph.Value) bool {
				if !v.Loc.Known() {
					t.Errorf("%s.%s has no location", r.ID, p)
				}
				return true
			})
		}
		for _, e := range u.Edges {
			if !e.Location.Known() || u.Resource(e.To) == nil {
				t.Errorf("bad edge %+v", e)
			}
		}
	})
}
