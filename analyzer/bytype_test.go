package analyzer

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestWithNativeOnly: every native resource no canonical one stands for
// gets a NativeOnly stand-in at its own line; owners, folded parts and
// data sources do not.
func TestWithNativeOnly(t *testing.T) {
	at := func(line int) graph.Location {
		return graph.Location{File: "main.tf", StartLine: line, EndLine: line + 2}
	}
	res := func(id, typ string, line int) *graph.Resource {
		return &graph.Resource{ID: id, Type: typ, Source: graph.SourceTerraform, Loc: at(line), Attrs: graph.Map(at(line + 1))}
	}
	sg, rule, logs, data := res("aws_security_group.web", "aws_security_group", 1),
		res("aws_security_group_rule.ssh", "aws_security_group_rule", 5),
		res("aws_cloudwatch_log_group.app", "aws_cloudwatch_log_group", 9),
		res("data.aws_vpc.main", "aws_vpc", 13)
	data.DataSource = true
	u := &graph.Unit{Path: "mod", Resources: []*graph.Resource{sg, rule, logs, data}}
	normalize := func(context.Context, *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
		return []*graph.Canonical{{Kind: "aws.ec2.security_group", UID: "mod#" + sg.ID, ID: sg.ID, Native: sg, Props: graph.Map(at(1)), Parts: []string{rule.ID}}}, nil
	}
	canon, _ := withNativeOnly(normalize)(context.Background(), u)
	var got []string
	for _, c := range canon {
		got = append(got, c.Kind+"|"+c.UID)
	}
	want := []string{"aws.ec2.security_group|mod#aws_security_group.web", engine.NativeOnly + "|mod#aws_cloudwatch_log_group.app"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("canonical = %q, want %q", got, want)
	}
	if c := canon[1]; c.Props.Loc != logs.Loc || c.Native != logs || c.Props.Kind != graph.KindMap {
		t.Errorf("stand-in: props at %v (want the resource's %v), native %v", c.Props.Loc, logs.Loc, c.Native.ID)
	}
	if logs.Attrs.Loc == logs.Loc {
		t.Error("the native attributes must not be changed")
	}
}
