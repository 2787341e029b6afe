package engine

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestMaybeAbsent(t *testing.T) {
	loc := func(line int) graph.Location { return graph.Location{File: "sg.tf", StartLine: line} }
	rule := func(present *graph.Value) *graph.Value {
		r := graph.Map(loc(10))
		r.Set("cidrs", graph.List([]*graph.Value{graph.String("0.0.0.0/0", loc(11))}, loc(11)))
		r.Set("present", present)
		return r
	}
	props := graph.Map(loc(1))
	props.Set("ingress", graph.List([]*graph.Value{
		rule(graph.Bool(true, loc(10))),
		rule(graph.Unknown("aws_security_group_rule.extra[*] may not exist", loc(42))),
	}, loc(5)))

	tests := []struct {
		name     string
		path     graph.Path
		wantPath string // "" when nothing along the path may be absent
	}{
		{"inside a certain rule", graph.Path{"ingress", 0, "cidrs", 0}, ""},
		{"inside a maybe rule", graph.Path{"ingress", 1, "cidrs", 0}, "ingress[1].present"},
		{"at a maybe rule", graph.Path{"ingress", 1}, "ingress[1].present"},
		{"above the rules", graph.Path{"ingress"}, ""},
		{"the resource", nil, ""},
		{"past the end", graph.Path{"ingress", 7, "cidrs"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, at := maybeAbsent(props, tt.path)
			if tt.wantPath == "" {
				if v != nil {
					t.Fatalf("maybeAbsent = %s at %s, want nil", v.GoString(), at)
				}
				return
			}
			if v == nil {
				t.Fatalf("maybeAbsent = nil, want present at %s", tt.wantPath)
			}
			if at.String() != tt.wantPath || v.Loc.StartLine != 42 {
				t.Errorf("maybeAbsent = %s at %s (line %d), want %s at line 42", v.GoString(), at, v.Loc.StartLine, tt.wantPath)
			}
		})
	}
}
