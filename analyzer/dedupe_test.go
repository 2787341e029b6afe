package analyzer

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestDedupe(t *testing.T) {
	at := func(line int) graph.Location {
		return graph.Location{File: "m/main.tf", StartLine: line, EndLine: line}
	}
	f := func(id string, line int, msg string) result.Finding {
		return result.Finding{RuleID: "AWS-SG-005", Resource: result.ResourceRef{ID: id}, Location: at(line), Message: msg, Path: "ingress[0]"}
	}
	tests := []struct {
		name string
		in   []result.Finding
		want int
	}{
		{"same module line from two roots", []result.Finding{f("module.eks.aws_sg.node", 3, "m"), f("module.eks.aws_sg.node", 3, "m")}, 1},
		{"different callers, different values", []result.Finding{f("module.eks.aws_sg.node", 3, "opens 1-2"), f("module.eks.aws_sg.node", 3, "opens 1-3")}, 2},
		{"different lines", []result.Finding{f("a", 3, "m"), f("a", 4, "m")}, 2},
		{"different resources", []result.Finding{f("a", 3, "m"), f("b", 3, "m")}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _ := dedupe(tt.in, nil, nil)
			if len(got) != tt.want {
				t.Errorf("got %d findings, want %d", len(got), tt.want)
			}
		})
	}
}
