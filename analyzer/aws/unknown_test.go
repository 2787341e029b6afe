package aws

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func unknownAt(line int, reason string) *graph.Value {
	return graph.Unknown(reason, graph.Location{File: "t", StartLine: line, EndLine: line})
}

// TestUnknownWhereAMapOrListIsExpected covers an Unknown (or a scalar)
// standing where a normalizer expects a map or a list: what depends on it
// becomes Unknown with a reason, and what is known is still mapped.
func TestUnknownWhereAMapOrListIsExpected(t *testing.T) {
	tests := []struct {
		name     string
		resource *graph.Resource
		// want maps a property path to its GoString.
		want map[string]string
		// reason, when set, is a substring of the Unknown's reason at path
		// reasonAt.
		reasonAt, reason string
	}{
		{
			name: "cfn rule chosen by a condition",
			resource: res(cfn, "AWS::EC2::SecurityGroup", "SG", 1, map[string]any{
				"SecurityGroupIngress": []any{
					map[string]any{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"},
					unknownAt(5, "condition IsOpen is unknown"),
				},
			}),
			want: map[string]string{
				"ingress[0].cidrs": `["0.0.0.0/0"]`, "ingress[1]": "(unknown)",
				"ingress_count": "(unknown)", "egress_count": "0",
			},
			reasonAt: "ingress_count", reason: "condition IsOpen is unknown",
		},
		{
			name: "terraform ingress = [var.u]",
			resource: res(tf, "aws_security_group", "aws_security_group.a", 1, map[string]any{
				"egress": []any{unknownAt(3, "variable u has no value")},
			}),
			want:     map[string]string{"egress[0]": "(unknown)", "egress_count": "(unknown)", "ingress_count": "0"},
			reasonAt: "egress_count", reason: "variable u has no value",
		},
		{
			name: "a rule that is not a map is not read as an all-ports rule",
			resource: res(cfn, "AWS::EC2::SecurityGroup", "SG", 1, map[string]any{
				"SecurityGroupIngress": []any{"tcp"},
			}),
			want:     map[string]string{"ingress[0]": "(unknown)", "ingress_count": "(unknown)"},
			reasonAt: "ingress[0]", reason: "not a map",
		},
		{
			name: "a tag chosen by a condition",
			resource: res(cfn, "AWS::EC2::SecurityGroup", "SG", 1, map[string]any{
				"Tags": []any{map[string]any{"Key": "Tier", "Value": "web"}, unknownAt(4, "condition C is unknown"), nil},
			}),
			want:     map[string]string{"tags": "(unknown)"},
			reasonAt: "tags", reason: "condition C is unknown",
		},
		{
			name: "an unknown interface hides its groups and makes the count unknown",
			resource: res(cfn, "AWS::EC2::Instance", "I", 1, map[string]any{
				"SecurityGroupIds":  []any{"sg-1"},
				"NetworkInterfaces": []any{map[string]any{"GroupSet": []any{"sg-2"}}, unknownAt(6, "condition E is unknown")},
			}),
			want:     map[string]string{"security_groups": "(unknown)", "network_interfaces": "(unknown)"},
			reasonAt: "network_interfaces", reason: "condition E is unknown",
		},
		{
			name: "an unknown interface list makes the count unknown, not zero",
			resource: res(tf, "aws_instance", "aws_instance.i", 1, map[string]any{
				"network_interface": unknownAt(2, "dynamic block over an unknown value"),
			}),
			want:     map[string]string{"network_interfaces": "(unknown)", "security_groups": "[]"},
			reasonAt: "network_interfaces", reason: "dynamic block over an unknown value",
		},
		{
			name: "an interface that is not a map",
			resource: res(tf, "aws_launch_template", "aws_launch_template.l", 1, map[string]any{
				"network_interfaces": []any{"eni"},
			}),
			want:     map[string]string{"security_groups": "(unknown)", "network_interfaces": "1"},
			reasonAt: "security_groups", reason: "not a map",
		},
		{
			name: "launch template data chosen by a condition",
			resource: res(cfn, "AWS::EC2::LaunchTemplate", "LT", 1, map[string]any{
				"LaunchTemplateData": unknownAt(2, "condition D is unknown"),
			}),
			want:     map[string]string{"security_groups": "(unknown)", "network_interfaces": "(unknown)"},
			reasonAt: "security_groups", reason: "condition D is unknown",
		},
		{
			name: "launch template data that is not a map",
			resource: res(cfn, "AWS::EC2::LaunchTemplate", "LT", 1, map[string]any{
				"LaunchTemplateData": "x",
			}),
			want:     map[string]string{"security_groups": "(unknown)"},
			reasonAt: "security_groups", reason: "LaunchTemplateData is a string, not a map",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &graph.Unit{Path: "u", Resources: []*graph.Resource{tt.resource}}
			var c *graph.Canonical
			for _, got := range normalized(u) {
				if got.ID == tt.resource.ID {
					c = got
				}
			}
			if c == nil {
				t.Fatalf("no canonical resource %s", tt.resource.ID)
			}
			for path, want := range tt.want {
				if got := c.Props.At(parse(t, path)).GoString(); got != want {
					t.Errorf("%s = %s, want %s", path, got, want)
				}
			}
			if v := c.Props.At(parse(t, tt.reasonAt)); !v.IsUnknown() || !strings.Contains(v.Reason, tt.reason) {
				t.Errorf("%s = %#v (reason %q), want an Unknown whose reason holds %q", tt.reasonAt, v, v.Reason, tt.reason)
			}
		})
	}
}

// TestNormalizersSurviveUnknownAndScalarAnywhere replaces every value under
// the attributes of a resource of each mapped type, in turn, by an Unknown,
// a scalar, an empty list and an empty map: no normalizer may panic, whatever
// stands where it expects a map or a list.
func TestNormalizersSurviveUnknownAndScalarAnywhere(t *testing.T) {
	rule := map[string]any{
		"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",
		"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": []any{"0.0.0.0/0"},
		"security_groups": []any{"sg-1"}, "self": true, "description": "d",
	}
	eni := map[string]any{"GroupSet": []any{"sg-1"}, "Groups": []any{"sg-1"}, "security_groups": []any{"sg-1"}}
	tags := []any{map[string]any{"Key": "k", "Value": "v"}}
	resources := func() []*graph.Resource {
		rs := []*graph.Resource{
			res(cfn, "AWS::EC2::SecurityGroup", "SG", 1, map[string]any{
				"GroupName": "g", "SecurityGroupIngress": []any{rule}, "SecurityGroupEgress": []any{rule}, "Tags": tags,
			}),
			res(cfn, "AWS::EC2::SecurityGroupIngress", "In", 2, map[string]any{"GroupId": ref("SG", "GroupId"), "IpProtocol": "tcp"}),
			res(tf, "aws_security_group", "aws_security_group.a", 3, map[string]any{
				"ingress": []any{rule}, "egress": []any{rule}, "tags": map[string]any{"k": "v"},
			}),
			res(tf, "aws_security_group_rule", "aws_security_group_rule.r", 4, map[string]any{
				"type": "ingress", "security_group_id": ref("aws_security_group.a", "id"), "cidr_blocks": []any{"0.0.0.0/0"},
			}),
			res(tf, "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule.r", 5, map[string]any{
				"security_group_id": "sg-9", "cidr_ipv4": "0.0.0.0/0",
			}),
			res(cfn, "AWS::EC2::Instance", "I", 6, map[string]any{
				"SecurityGroupIds": []any{"sg-1"}, "NetworkInterfaces": []any{eni}, "LaunchTemplate": map[string]any{"Id": "x"},
			}),
			res(tf, "aws_instance", "aws_instance.i", 7, map[string]any{
				"vpc_security_group_ids": []any{"sg-1"}, "network_interface": []any{eni},
			}),
			res(cfn, "AWS::EC2::LaunchTemplate", "LT", 8, map[string]any{
				"LaunchTemplateData": map[string]any{"SecurityGroupIds": []any{"sg-1"}, "NetworkInterfaces": []any{eni}},
			}),
			res(tf, "aws_launch_template", "aws_launch_template.l", 9, map[string]any{
				"vpc_security_group_ids": []any{"sg-1"}, "network_interfaces": []any{eni},
			}),
			res(cfn, "AWS::AutoScaling::LaunchConfiguration", "LC", 10, map[string]any{"SecurityGroups": []any{"sg-1"}}),
			res(tf, "aws_network_interface", "aws_network_interface.e", 11, map[string]any{"security_groups": []any{"sg-1"}}),
			res(tf, "aws_network_interface_sg_attachment", "aws_network_interface_sg_attachment.a", 12, map[string]any{
				"network_interface_id": ref("aws_network_interface.e", "id"), "security_group_id": "sg-2",
			}),
		}
		rs[2].Meta = map[string]*graph.Value{"default_tags": val(3, map[string]any{"Env": "p"})}
		return rs
	}
	replacements := []func() *graph.Value{
		func() *graph.Value { return unknownAt(50, "unknown") },
		func() *graph.Value { return val(50, "scalar") },
		func() *graph.Value { return val(50, 7) },
		func() *graph.Value { return val(50, []any{}) },
		func() *graph.Value { return val(50, map[string]any{}) },
		func() *graph.Value { return val(50, nil) },
	}
	cases := 0
	for ri := range resources() {
		var paths []graph.Path
		resources()[ri].Attrs.Walk(func(p graph.Path, _ *graph.Value) bool {
			paths = append(paths, append(graph.Path(nil), p...))
			return true
		})
		for _, p := range paths {
			for _, replacement := range replacements {
				rs := resources()
				if len(p) == 0 {
					rs[ri].Attrs = replacement()
				} else {
					replace(rs[ri].Attrs, p, replacement())
				}
				cases++
				t.Run(fmt.Sprintf("%s/%v/%s", rs[ri].ID, p, replacement().Kind), func(t *testing.T) {
					normalized(&graph.Unit{Path: "u", Resources: rs})
				})
			}
		}
	}
	if cases < 100 {
		t.Fatalf("only %d cases: the walk did not reach the attributes", cases)
	}
}

// replace sets the value at path p (at least one step) under v.
func replace(v *graph.Value, p graph.Path, with *graph.Value) {
	parent := v.At(p[:len(p)-1])
	switch s := p[len(p)-1].(type) {
	case string:
		parent.Fields[s] = with
	case int:
		parent.List[s] = with
	}
}

// countdownContext is cancelled after its Err has been asked n times, to
// cancel a normalizer in the middle of a unit deterministically.
type countdownContext struct {
	context.Context
	n *int
}

func (c countdownContext) Err() error {
	if *c.n <= 0 {
		return context.Canceled
	}
	*c.n--
	return nil
}

// TestNormalizeStopsBetweenResources checks that a cancelled scan stops a
// mapper between two resources of a large unit, not at its end.
func TestNormalizeStopsBetweenResources(t *testing.T) {
	var rs []*graph.Resource
	for i := range 50 {
		rs = append(rs, res(cfn, "AWS::EC2::SecurityGroup", fmt.Sprintf("SG%d", i), i, map[string]any{}))
	}
	n := 2 // Normalize's check before the first mapper, then the first group's
	got, _ := Normalize(countdownContext{Context: context.Background(), n: &n}, &graph.Unit{Path: "u", Resources: rs})
	if len(got) != 1 {
		t.Errorf("normalized %d groups after the cancellation, want the 1 before it", len(got))
	}
}
