package aws

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// val builds a value tree from Go literals, every node located at line.
// A *graph.Value is used as is, so tests can place unknowns and references.
func val(line int, v any) *graph.Value {
	loc := graph.Location{File: "t", StartLine: line, EndLine: line}
	switch x := v.(type) {
	case *graph.Value:
		return x
	case nil:
		return graph.Null(loc)
	case bool:
		return graph.Bool(x, loc)
	case int:
		return graph.Number(float64(x), loc)
	case string:
		return graph.String(x, loc)
	case []any:
		var items []*graph.Value
		for _, e := range x {
			items = append(items, val(line, e))
		}
		return graph.List(items, loc)
	case map[string]any:
		m := graph.Map(loc)
		for _, k := range slices.Sorted(maps.Keys(x)) {
			m.Set(k, val(line, x[k]))
		}
		return m
	}
	panic("unsupported test literal")
}

func res(src graph.Source, typ, id string, line int, attrs map[string]any) *graph.Resource {
	return &graph.Resource{
		ID: id, Type: typ, Source: src,
		Loc:   graph.Location{File: "t", StartLine: line, EndLine: line + 10},
		Attrs: val(line, attrs),
	}
}

func ref(id, attr string) *graph.Value {
	return graph.UnknownRef(id, attr, "computed", graph.Location{File: "t", StartLine: 99})
}

const (
	cfn = graph.SourceCloudFormation
	tf  = graph.SourceTerraform
)

func TestSecurityGroupNormalization(t *testing.T) {
	tests := []struct {
		name      string
		resources []*graph.Resource
		// want maps canonical ID to the GoString of selected properties.
		want map[string]map[string]string
	}{
		{
			name: "cfn inline rules, tags and string ports",
			resources: []*graph.Resource{
				res(cfn, "AWS::EC2::SecurityGroup", "WebSG", 3, map[string]any{
					"GroupDescription": "web",
					"Tags":             []any{map[string]any{"Key": "Tier", "Value": "web"}},
					"SecurityGroupIngress": []any{
						map[string]any{"IpProtocol": "tcp", "FromPort": "22", "ToPort": 22, "CidrIp": "0.0.0.0/0"},
						map[string]any{"IpProtocol": -1, "CidrIpv6": "::/0", "Description": "all"},
					},
				}),
			},
			want: map[string]map[string]string{"WebSG": {
				"description":          `"web"`,
				"name":                 `""`,
				"tags":                 `{Tier: "web"}`,
				"ingress[0].from_port": "22", "ingress[0].to_port": "22",
				"ingress[0].cidrs":    `["0.0.0.0/0"]`,
				"ingress[1].protocol": `"-1"`, "ingress[1].from_port": "0", "ingress[1].to_port": "65535",
				"ingress[1].cidrs": `["::/0"]`, "ingress[1].description": `"all"`,
				"egress": "[]",
			}},
		},
		{
			name: "cfn separate ingress folded into its group, orphan becomes external",
			resources: []*graph.Resource{
				res(cfn, "AWS::EC2::SecurityGroup", "DB", 1, map[string]any{"GroupDescription": "db"}),
				res(cfn, "AWS::EC2::SecurityGroupIngress", "DBIn", 10, map[string]any{
					"GroupId": ref("DB", "GroupId"), "IpProtocol": "6", "FromPort": 5432, "ToPort": 5432, "CidrIp": "10.0.0.0/8",
				}),
				res(cfn, "AWS::EC2::SecurityGroupIngress", "Orphan", 20, map[string]any{
					"GroupId": "sg-123", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",
				}),
			},
			want: map[string]map[string]string{
				"DB": {
					"ingress[0].protocol": `"tcp"`, "ingress[0].from_port": "5432",
					"ingress[0].origin.id": `"DBIn"`,
				},
				"Orphan": {"external": "true", "ingress[0].cidrs": `["0.0.0.0/0"]`},
			},
		},
		{
			name: "a source group or CIDR written as one reference is one source that keeps the reference",
			resources: []*graph.Resource{
				res(cfn, "AWS::EC2::SecurityGroup", "Bastion", 1, map[string]any{"GroupDescription": "bastion"}),
				res(cfn, "AWS::EC2::SecurityGroup", "App", 5, map[string]any{
					"GroupDescription": "app",
					"SecurityGroupIngress": []any{map[string]any{
						"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "SourceSecurityGroupId": ref("Bastion", "GroupId"),
					}, map[string]any{
						"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": ref("VPC", "CidrBlock"),
					}},
				}),
				res(tf, "aws_security_group", "aws_security_group.app", 10, map[string]any{}),
				res(tf, "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule.ssh", 20, map[string]any{
					"security_group_id": ref("aws_security_group.app", "id"), "ip_protocol": "tcp", "from_port": 22, "to_port": 22,
					"referenced_security_group_id": ref("aws_security_group.bastion", "id"),
				}),
			},
			want: map[string]map[string]string{
				"Bastion": {"ingress": "[]"},
				"App": {
					"ingress[0].source_security_groups": "[(unknown Bastion.GroupId)]",
					"ingress[1].cidrs":                  "[(unknown VPC.CidrBlock)]",
				},
				"aws_security_group.app": {"ingress[0].source_security_groups": "[(unknown aws_security_group.bastion.id)]"},
			},
		},
		{
			name: "terraform group defaults, default tags and rule resources of both styles",
			resources: []*graph.Resource{
				func() *graph.Resource {
					r := res(tf, "aws_security_group", "aws_security_group.web", 1, map[string]any{
						"name": "web-sg",
						"tags": map[string]any{"Tier": "web"},
						"ingress": []any{map[string]any{
							"from_port": 443, "to_port": 443, "protocol": "tcp",
							"cidr_blocks": []any{"0.0.0.0/0"}, "ipv6_cidr_blocks": []any{"::/0"},
						}},
					})
					r.Meta = map[string]*graph.Value{"default_tags": val(1, map[string]any{"Environment": "prod", "Tier": "x"})}
					return r
				}(),
				res(tf, "aws_security_group_rule", "aws_security_group_rule.ssh", 20, map[string]any{
					"type": "ingress", "security_group_id": ref("aws_security_group.web", "id"),
					"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": []any{"1.2.3.4/32"},
				}),
				res(tf, "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_egress_rule.all", 30, map[string]any{
					"security_group_id": ref("aws_security_group.web", "id"), "ip_protocol": "-1", "cidr_ipv4": "0.0.0.0/0",
				}),
				res(tf, "aws_default_security_group", "aws_default_security_group.default", 40, map[string]any{
					"ingress": []any{map[string]any{"protocol": -1, "self": true, "from_port": 0, "to_port": 0}},
				}),
			},
			want: map[string]map[string]string{
				"aws_security_group.web": {
					"description":            `"Managed by Terraform"`,
					"tags":                   `{Environment: "prod", Tier: "web"}`,
					"ingress[0].cidrs":       `["0.0.0.0/0", "::/0"]`,
					"ingress[1].cidrs":       `["1.2.3.4/32"]`,
					"egress[0].protocol":     `"-1"`,
					"egress[0].to_port":      "65535",
					"ingress[1].self":        "false",
					"ingress[1].origin.type": `"aws_security_group_rule"`,
				},
				"aws_default_security_group.default": {
					"is_default": "true", "ingress[0].self": "true", "ingress[0].to_port": "65535",
				},
			},
		},
		{
			name: "rules added to a VPC's default group make it a declared default group",
			resources: []*graph.Resource{
				res(cfn, "AWS::EC2::VPC", "Vpc", 1, map[string]any{"CidrBlock": "10.0.0.0/16"}),
				res(cfn, "AWS::EC2::SecurityGroupIngress", "DefaultIn", 10, map[string]any{
					"GroupId": ref("Vpc", "DefaultSecurityGroup"), "IpProtocol": "-1", "CidrIp": "10.0.0.0/16",
				}),
				res(tf, "aws_vpc", "aws_vpc.main", 20, map[string]any{"cidr_block": "10.0.0.0/16"}),
				res(tf, "aws_security_group_rule", "aws_security_group_rule.d", 30, map[string]any{
					"type": "egress", "security_group_id": ref("aws_vpc.main", "default_security_group_id"),
					"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": []any{"0.0.0.0/0"},
				}),
			},
			want: map[string]map[string]string{
				"Vpc/default-security-group":          {"is_default": "true", "ingress[0].origin.id": `"DefaultIn"`},
				"aws_vpc.main/default-security-group": {"is_default": "true", "egress[0].cidrs": `["0.0.0.0/0"]`},
			},
		},
		{
			name: "a representative dynamic block makes the rule count unknown",
			resources: []*graph.Resource{
				res(tf, "aws_security_group", "aws_security_group.d", 1, map[string]any{
					"ingress": []any{
						map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443},
						func() *graph.Value {
							v := val(5, map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22})
							v.Representative = true
							return v
						}(),
					},
					"egress": []any{map[string]any{"protocol": "-1"}},
				}),
			},
			want: map[string]map[string]string{
				"aws_security_group.d": {
					"ingress_count": "(unknown)", "egress_count": "1",
					"ingress[1].representative": "true", "ingress[0].representative": "false",
				},
			},
		},
		{
			name: "unknown rule list stays unknown; unknown direction is not guessed",
			resources: []*graph.Resource{
				res(tf, "aws_security_group", "aws_security_group.dyn", 1, map[string]any{
					"ingress": graph.Unknown("variable rules has no value", graph.Location{File: "t", StartLine: 2}),
				}),
				res(tf, "aws_security_group_rule", "aws_security_group_rule.x", 20, map[string]any{
					"type": graph.Unknown("var", graph.Location{}), "security_group_id": ref("aws_security_group.dyn", "id"),
				}),
			},
			want: map[string]map[string]string{
				"aws_security_group.dyn": {"ingress": "(unknown)", "egress": "[]", "ingress_count": "(unknown)", "egress_count": "0"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := &graph.Unit{Path: "u", Resources: tt.resources}
			got := map[string]*graph.Canonical{}
			for _, c := range normalized(u) {
				if c.Kind == kindSecurityGroup {
					got[c.ID] = c
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d groups, want %d", len(got), len(tt.want))
			}
			for id, props := range tt.want {
				c := got[id]
				if c == nil {
					t.Fatalf("no canonical group %s", id)
				}
				if c.UID != "u#"+id {
					t.Errorf("UID = %q", c.UID)
				}
				for path, want := range props {
					v := c.Props.At(parse(t, path))
					if g := v.GoString(); g != want {
						t.Errorf("%s %s = %s, want %s", id, path, g, want)
					}
				}
			}
		})
	}
}

func TestAttachmentNormalization(t *testing.T) {
	resources := []*graph.Resource{
		res(cfn, "AWS::EC2::Instance", "Web", 1, map[string]any{
			"SecurityGroupIds":  []any{ref("SG1", "GroupId"), "sg-2"},
			"NetworkInterfaces": []any{map[string]any{"GroupSet": []any{"sg-3"}}},
		}),
		res(cfn, "AWS::EC2::Instance", "Bare", 10, map[string]any{"ImageId": "ami-1"}),
		res(cfn, "AWS::EC2::LaunchTemplate", "LT", 20, map[string]any{
			"LaunchTemplateData": map[string]any{"SecurityGroupIds": []any{"sg-1"}},
		}),
		res(tf, "aws_instance", "aws_instance.app", 30, map[string]any{
			"vpc_security_group_ids": graph.Unknown("splat of unknown count", graph.Location{}),
		}),
		res(tf, "aws_instance", "aws_instance.lt", 40, map[string]any{
			"launch_template": []any{map[string]any{"id": "lt-1"}},
		}),
		res(tf, "aws_network_interface", "aws_network_interface.eni", 50, map[string]any{
			"security_groups": []any{"sg-1"},
		}),
		res(tf, "aws_network_interface_sg_attachment", "aws_network_interface_sg_attachment.a", 60, map[string]any{
			"network_interface_id": ref("aws_network_interface.eni", "id"), "security_group_id": "sg-9",
		}),
	}
	want := map[string]map[string]string{
		"Web":                       {"security_groups": `[(unknown SG1.GroupId), "sg-2", "sg-3"]`, "network_interfaces": "1", "launch_template": "false"},
		"Bare":                      {"security_groups": "[]", "launch_template": "false", "network_interfaces": "0"},
		"LT":                        {"security_groups": `["sg-1"]`},
		"aws_instance.app":          {"security_groups": "(unknown)"},
		"aws_instance.lt":           {"launch_template": "true", "security_groups": "[]"},
		"aws_network_interface.eni": {"security_groups": `["sg-1", "sg-9"]`},
	}
	got := map[string]*graph.Canonical{}
	for _, c := range normalized(&graph.Unit{Path: "u", Resources: resources}) {
		got[c.ID] = c
	}
	for id, props := range want {
		c := got[id]
		if c == nil {
			t.Fatalf("no canonical resource %s", id)
		}
		for path, w := range props {
			if g := c.Props.At(parse(t, path)).GoString(); g != w {
				t.Errorf("%s %s = %s, want %s", id, path, g, w)
			}
		}
	}
	if k := got["LT"].Kind; k != kindLaunchTemplate {
		t.Errorf("LT kind = %s", k)
	}
}

func TestDefaultsAreLocatedAtTheResource(t *testing.T) {
	r := res(tf, "aws_security_group", "aws_security_group.x", 7, map[string]any{})
	c := normalized(&graph.Unit{Path: "u", Resources: []*graph.Resource{r}})[0]
	if got := c.Props.Get("description").Loc.StartLine; got != 7 {
		t.Errorf("default description located at line %d, want 7", got)
	}
}

// parse turns "ingress[0].cidrs" into a graph.Path.
func parse(t *testing.T, s string) graph.Path {
	t.Helper()
	var p graph.Path
	cur := ""
	flush := func() {
		if cur != "" {
			p = append(p, cur)
			cur = ""
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '.':
			flush()
		case '[':
			flush()
			j := i + 1
			n := 0
			for ; s[j] != ']'; j++ {
				n = n*10 + int(s[j]-'0')
			}
			p = append(p, n)
			i = j
		default:
			cur += string(c)
		}
	}
	flush()
	return p
}

// normalized returns the canonical resources of u, for tests that do not
// look at the diagnostics.
func normalized(u *graph.Unit) []*graph.Canonical {
	out, _ := Normalize(context.Background(), u)
	return out
}
