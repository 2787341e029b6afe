package terraform

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestOverrideFiles checks what the fixture table cannot: the files a unit
// lists and where a merged lifecycle setting is.
func TestOverrideFiles(t *testing.T) {
	units := LoadModules(context.Background(), fixtureDirs([]string{"override"}), Options{})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	u := units[0]
	var files []string
	for _, f := range u.Files {
		files = append(files, rel(f))
	}
	want := []string{
		"override/main.tf", "override/main.tf.json", "override/override.tf",
		"override/z_override.tf.json", "override/store/main.tf",
	}
	if strings.Join(files, ",") != strings.Join(want, ",") {
		t.Errorf("files = %v, want %v", files, want)
	}
	r := u.Resource("aws_security_group.web")
	if r == nil {
		t.Fatal("no aws_security_group.web")
	}
	lc := r.Meta["lifecycle"]
	tests := []struct {
		key, want, at string
	}{
		{"create_before_destroy", "true", "override/main.tf:39"},
		{"prevent_destroy", "true", "override/override.tf:22"},
	}
	for _, tt := range tests {
		v := lc.Get(tt.key)
		if v == nil {
			t.Errorf("lifecycle %s missing in %s", tt.key, lc.GoString())
			continue
		}
		if got := fmt.Sprintf("%s:%d", rel(v.Loc.File), v.Loc.StartLine); v.GoString() != tt.want || got != tt.at {
			t.Errorf("lifecycle %s = %s at %s, want %s at %s", tt.key, v.GoString(), got, tt.want, tt.at)
		}
	}
}

// TestJSONDynamicEquivalence loads a .tf configuration with literal,
// dynamic and nested dynamic blocks and its .tf.json twin: every resource
// must have the same Attrs, the same representative blocks, the same
// provenance notes and the same edges (positions differ, files differ).
func TestJSONDynamicEquivalence(t *testing.T) {
	load := func(dir string) *graph.Unit {
		units := LoadModules(context.Background(), fixtureDirs([]string{dir}), Options{})
		if len(units) != 1 {
			t.Fatalf("%s: got %d units, want 1", dir, len(units))
		}
		if len(units[0].Diagnostics) != 0 {
			t.Errorf("%s: diagnostics %v", dir, units[0].Diagnostics)
		}
		return units[0]
	}
	hclUnit, jsonUnit := load("json_dynamic/hcl"), load("json_dynamic/json")
	if len(hclUnit.Resources) != len(jsonUnit.Resources) || len(hclUnit.Resources) == 0 {
		t.Fatalf("%d resources from .tf, %d from .tf.json", len(hclUnit.Resources), len(jsonUnit.Resources))
	}
	for i, hr := range hclUnit.Resources {
		jr := jsonUnit.Resources[i]
		if hr.ID != jr.ID {
			t.Errorf("resource %d: %s from .tf, %s from .tf.json", i, hr.ID, jr.ID)
			continue
		}
		if h, j := hr.Attrs.GoString(), jr.Attrs.GoString(); h != j {
			t.Errorf("%s Attrs differ:\n .tf      %s\n .tf.json %s", hr.ID, h, j)
		}
		if h, j := shapeOf(hr.Attrs), shapeOf(jr.Attrs); h != j {
			t.Errorf("%s provenance differs:\n .tf      %s\n .tf.json %s", hr.ID, h, j)
		}
	}
	edges := func(u *graph.Unit) string {
		var out []string
		for _, e := range u.Edges {
			out = append(out, fmt.Sprintf("%s -> %s.%s %s (%s)", e.From, e.To, e.Attr, e.Path, e.Kind))
		}
		return strings.Join(out, "\n")
	}
	if h, j := edges(hclUnit), edges(jsonUnit); h != j || h == "" {
		t.Errorf("edges differ:\n .tf\n%s\n .tf.json\n%s", h, j)
	}
}

// shapeOf renders, for every node, what must not depend on the syntax:
// whether it is representative, its Ref, its Unknown reason and the notes
// of its trace.
func shapeOf(v *graph.Value) string {
	var b strings.Builder
	v.Walk(func(p graph.Path, n *graph.Value) bool {
		fmt.Fprintf(&b, "%s rep=%v reason=%q", p, n.Representative, n.Reason)
		if n.Ref != nil {
			fmt.Fprintf(&b, " ref=%s.%s", n.Ref.Resource, n.Ref.Attr)
		}
		for _, h := range n.Trace {
			fmt.Fprintf(&b, " <%s>", h.Note)
		}
		b.WriteString("\n")
		return true
	})
	return b.String()
}
