package aws

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// maybeRes marks r as a resource that may not exist, the way its
// front-end does.
func maybeRes(r *graph.Resource) *graph.Resource {
	if r.Source == graph.SourceTerraform {
		r.Representative = true
		return r
	}
	r.Meta = map[string]*graph.Value{
		"Condition":        graph.String("IsOpen", graph.Location{File: "t", StartLine: r.Loc.StartLine + 2}),
		"ConditionUnknown": graph.Bool(true, graph.Location{File: "t", StartLine: r.Loc.StartLine + 2}),
	}
	return r
}

// sshRule is a rule resource of the given source that opens port 22 to
// the world, declared at line and naming its group with group.
func sshRule(src graph.Source, id string, line int, group *graph.Value) *graph.Resource {
	if src == graph.SourceCloudFormation {
		return res(cfn, "AWS::EC2::SecurityGroupIngress", id, line, map[string]any{
			"GroupId": group, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",
		})
	}
	return res(tf, "aws_security_group_rule", id, line, map[string]any{
		"type": "ingress", "security_group_id": group, "protocol": "tcp",
		"from_port": 22, "to_port": 22, "cidr_blocks": []any{"0.0.0.0/0"},
	})
}

// expect is one canonical property a fold test checks: its value, and the
// line it is located at (0: not checked) or, for an Unknown, the text its
// reason must hold.
type expect struct {
	value  string
	line   int
	reason string
}

func TestFold(t *testing.T) {
	webTF := res(tf, "aws_security_group", "aws_security_group.web", 1, map[string]any{"name": "web"})
	webCFN := res(cfn, "AWS::EC2::SecurityGroup", "Web", 1, map[string]any{"GroupDescription": "web", "GroupName": "web"})
	eni := res(tf, "aws_network_interface", "aws_network_interface.eni", 1, map[string]any{"security_groups": []any{"sg-1"}})
	attachment := func(id string, line int, eniRef *graph.Value) *graph.Resource {
		return res(tf, "aws_network_interface_sg_attachment", id, line, map[string]any{
			"network_interface_id": eniRef, "security_group_id": ref("aws_security_group.x", "id"),
		})
	}

	tests := []struct {
		name      string
		resources []*graph.Resource
		owner     string
		want      map[string]expect
		parts     []string
		// diags are "severity line summary-substring" of the diagnostics.
		diags []string
	}{
		{
			name:      "terraform rule resource with a certain count",
			resources: []*graph.Resource{webTF, sshRule(tf, "aws_security_group_rule.ssh", 20, ref("aws_security_group.web", "id"))},
			owner:     "aws_security_group.web",
			want: map[string]expect{
				"ingress[0].present": {value: "true", line: 20},
				"ingress_count":      {value: "1"},
			},
			parts: []string{"aws_security_group_rule.ssh"},
		},
		{
			name: "terraform rule resource whose count is unknown",
			resources: []*graph.Resource{webTF,
				maybeRes(sshRule(tf, "aws_security_group_rule.extra[*]", 20, ref("aws_security_group.web", "id")))},
			owner: "aws_security_group.web",
			want: map[string]expect{
				"ingress[0].present":  {value: "(unknown)", line: 20, reason: "aws_security_group_rule.extra[*] may not exist: its count or for_each"},
				"ingress[0].cidrs[0]": {value: `"0.0.0.0/0"`, line: 20},
				"ingress_count":       {value: "(unknown)", line: 20, reason: "aws_security_group_rule.extra[*] may not exist"},
			},
			parts: []string{"aws_security_group_rule.extra[*]"},
		},
		{
			name: "cloudformation rule resource whose condition is unknown",
			resources: []*graph.Resource{webCFN,
				maybeRes(sshRule(cfn, "Ssh", 30, ref("Web", "")))},
			owner: "Web",
			want: map[string]expect{
				"ingress[0].present": {value: "(unknown)", line: 32, reason: "Ssh may not exist: its condition IsOpen is not known"},
				"ingress_count":      {value: "(unknown)", line: 32, reason: "Ssh may not exist"},
			},
			parts: []string{"Ssh"},
		},
		{
			name: "cloudformation rule copied by an Fn::ForEach over an unknown collection",
			resources: []*graph.Resource{webCFN, func() *graph.Resource {
				r := sshRule(cfn, "Rule*", 30, ref("Web", ""))
				r.Representative = true
				return r
			}()},
			owner: "Web",
			want: map[string]expect{
				"ingress[0].present": {value: "(unknown)", line: 30, reason: "Rule* may not exist: it stands for the copies of an Fn::ForEach"},
			},
			parts: []string{"Rule*"},
		},
		{
			name: "cloudformation rule naming its group by name",
			resources: []*graph.Resource{webCFN, res(cfn, "AWS::EC2::SecurityGroupIngress", "ByName", 40, map[string]any{
				"GroupName": "web", "IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "10.0.0.0/8",
			})},
			owner: "Web",
			want: map[string]expect{
				"ingress[0].from_port": {value: "80", line: 40},
				"ingress_count":        {value: "1"},
			},
			parts: []string{"ByName"},
		},
		{
			name: "rule whose group is outside the scan",
			resources: []*graph.Resource{
				sshRule(tf, "aws_security_group_rule.orphan", 50, unknownAt(52, "variable security_group_id has no value")),
			},
			owner: "aws_security_group_rule.orphan",
			want: map[string]expect{
				"external":           {value: "true", line: 50},
				"ingress[0].present": {value: "true", line: 50},
			},
			diags: []string{"note 52 aws_security_group_rule.orphan is not folded into a resource of the scan: its owner is not known: variable security_group_id has no value"},
		},
		{
			name: "attachment with a certain count",
			resources: []*graph.Resource{eni,
				attachment("aws_network_interface_sg_attachment.a", 60, ref("aws_network_interface.eni", "id"))},
			owner: "aws_network_interface.eni",
			want: map[string]expect{
				"security_groups":    {value: `["sg-1", (unknown aws_security_group.x.id)]`, line: 1},
				"security_groups[1]": {value: "(unknown aws_security_group.x.id)", line: 99},
			},
			parts: []string{"aws_network_interface_sg_attachment.a"},
		},
		{
			name: "attachment whose count is unknown",
			resources: []*graph.Resource{eni,
				maybeRes(attachment("aws_network_interface_sg_attachment.a[*]", 60, ref("aws_network_interface.eni", "id")))},
			owner: "aws_network_interface.eni",
			want: map[string]expect{
				"security_groups": {value: "(unknown)", line: 60, reason: "aws_network_interface_sg_attachment.a[*] may not exist"},
			},
			parts: []string{"aws_network_interface_sg_attachment.a[*]"},
		},
		{
			name: "attachment whose interface is outside the scan",
			resources: []*graph.Resource{eni,
				attachment("aws_network_interface_sg_attachment.b", 70, graph.String("eni-123", graph.Location{File: "t", StartLine: 71}))},
			owner: "aws_network_interface.eni",
			want: map[string]expect{
				"security_groups": {value: `["sg-1"]`, line: 1},
			},
			diags: []string{`note 71 aws_network_interface_sg_attachment.b is not folded into a resource of the scan: its owner "eni-123" is outside the scan`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			canon, diags := Normalize(t.Context(), &graph.Unit{Path: "u", Resources: tt.resources})
			var c *graph.Canonical
			for _, x := range canon {
				if x.ID == tt.owner {
					c = x
				}
			}
			if c == nil {
				t.Fatalf("no canonical resource %s", tt.owner)
			}
			for path, w := range tt.want {
				v := c.Props.At(parse(t, path))
				if g := v.GoString(); g != w.value {
					t.Errorf("%s = %s, want %s", path, g, w.value)
					continue
				}
				if w.line != 0 && v.Loc.StartLine != w.line {
					t.Errorf("%s is at line %d, want %d", path, v.Loc.StartLine, w.line)
				}
				if !strings.Contains(v.Reason, w.reason) {
					t.Errorf("%s reason = %q, want it to hold %q", path, v.Reason, w.reason)
				}
			}
			if strings.Join(c.Parts, ",") != strings.Join(tt.parts, ",") {
				t.Errorf("parts = %v, want %v", c.Parts, tt.parts)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Severity.String()+" "+itoa(d.Location.StartLine)+" "+d.Summary)
			}
			if strings.Join(got, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

func itoa(n int) string { return graph.FormatNumber(float64(n)) }

// TestAttachRecordsAPartOnce: a part attached twice (two references to one
// owner) is listed once, and an owner is never a part of itself.
func TestAttachRecordsAPartOnce(t *testing.T) {
	owner := res(tf, "aws_security_group", "aws_security_group.web", 1, map[string]any{})
	rule := res(tf, "aws_security_group_rule", "aws_security_group_rule.r", 10, map[string]any{})
	var diags graph.Diagnostics
	f := newFolder(newUnitIndex(t.Context(), &graph.Unit{Resources: []*graph.Resource{owner, rule}}), &diags, "aws_security_group")
	c := newGroup(owner)
	f.addOwner(c)
	for _, r := range []*graph.Resource{rule, rule, owner} {
		if p := f.attach(c, r); p.presence != present {
			t.Errorf("attach(%s) presence = %s, want present", r.ID, p.presence)
		}
	}
	if strings.Join(c.Parts, ",") != "aws_security_group_rule.r" {
		t.Errorf("parts = %v, want [aws_security_group_rule.r]", c.Parts)
	}
}

func TestOwnerByName(t *testing.T) {
	trace := func(line int) graph.Trace {
		return graph.Trace{{Location: graph.Location{File: "variables.tf", StartLine: line}, Note: "variable"}}
	}
	unknownFrom := func(reason string, origin int) *graph.Value {
		v := unknownAt(5, reason)
		v.Trace = trace(origin)
		return v
	}
	a := res(tf, "aws_s3_bucket", "aws_s3_bucket.a", 1, map[string]any{})
	b := res(tf, "aws_s3_bucket", "aws_s3_bucket.b", 10, map[string]any{})
	c := res(tf, "aws_s3_bucket", "aws_s3_bucket.c", 20, map[string]any{})
	d := res(tf, "aws_s3_bucket", "aws_s3_bucket.d", 30, map[string]any{})
	var diags graph.Diagnostics
	f := newFolder(newUnitIndex(t.Context(), &graph.Unit{Resources: []*graph.Resource{a, b, c, d}}), &diags, "aws_s3_bucket")
	owner := func(r *graph.Resource, name *graph.Value) {
		f.addOwner(&graph.Canonical{ID: r.ID, Native: r, Props: props(r)}, name)
	}
	owner(a, graph.String("acme-logs", a.Loc))
	owner(b, unknownFrom("variable name has no value", 3))
	owner(c, graph.String("twice", c.Loc))
	owner(d, graph.String("twice", d.Loc))

	tests := []struct {
		name string
		v    *graph.Value
		want string // "" for no owner
	}{
		{"the same literal", graph.String("acme-logs", graph.Location{}), "aws_s3_bucket.a"},
		{"another literal", graph.String("acme-data", graph.Location{}), ""},
		{"the same variable", unknownFrom("variable name has no value", 3), "aws_s3_bucket.b"},
		{"another variable with the same reason text", unknownFrom("variable name has no value", 4), ""},
		{"an unknown with no origin", unknownAt(5, "variable name has no value"), ""},
		{"a name two owners carry", graph.String("twice", graph.Location{}), ""},
		{"an empty name", graph.String("", graph.Location{}), ""},
		{"nothing", nil, ""},
	}
	for _, tt := range tests {
		got := f.ownerByName(tt.v)
		id := ""
		if got != nil {
			id = got.ID
		}
		if id != tt.want {
			t.Errorf("%s: owner = %q, want %q", tt.name, id, tt.want)
		}
	}
}

// TestConflict: a part that sets what its owner sets itself makes the
// property Unknown, naming both, and warns at the part.
func TestConflict(t *testing.T) {
	bucket := res(tf, "aws_s3_bucket", "aws_s3_bucket.b", 1, map[string]any{})
	versioning := res(tf, "aws_s3_bucket_versioning", "aws_s3_bucket_versioning.b", 20, map[string]any{})
	var diags graph.Diagnostics
	f := newFolder(newUnitIndex(t.Context(), &graph.Unit{Resources: []*graph.Resource{bucket, versioning}}), &diags, "aws_s3_bucket")
	c := &graph.Canonical{ID: bucket.ID, Native: bucket, Props: props(bucket)}
	c.Props.Set("versioning", graph.Bool(true, graph.Location{File: "t", StartLine: 4}))
	f.addOwner(c)
	f.conflict(c, "versioning", f.attach(c, versioning))

	v := c.Props.Get("versioning")
	if !v.IsUnknown() || v.Loc.StartLine != 20 ||
		!strings.Contains(v.Reason, "aws_s3_bucket.b") || !strings.Contains(v.Reason, "aws_s3_bucket_versioning.b") {
		t.Errorf("versioning = %s at line %d (%q), want Unknown at line 20 naming both", v.GoString(), v.Loc.StartLine, v.Reason)
	}
	if len(diags) != 1 {
		t.Fatalf("diagnostics = %v, want one warning", diags)
	}
	d := diags[0]
	if d.Severity != graph.SeverityWarning || d.Location.StartLine != 20 || d.Resource != "aws_s3_bucket.b" ||
		!strings.Contains(d.Detail, "t:4") {
		t.Errorf("diagnostic = %+v, want a warning at line 20 for aws_s3_bucket.b that names line 4", d)
	}
}

// TestFieldUnderAnUnknown: a property under an Unknown is Unknown, never
// absent (issue 9: an absent one gets the default).
func TestFieldUnderAnUnknown(t *testing.T) {
	imported := unknownAt(3, `Fn::ImportValue "shared" is exported by another stack`)
	tests := []struct {
		name       string
		m          *graph.Value
		want       string
		wantReason string
	}{
		{"set", val(1, map[string]any{"k": "v"}), `"v"`, ""},
		{"absent", val(1, map[string]any{}), "<nil>", ""},
		{"null", val(1, map[string]any{"k": nil}), "<nil>", ""},
		{"no map", nil, "<nil>", ""},
		{"under an Unknown", imported, "(unknown)", `Fn::ImportValue "shared"`},
		{"under a string", val(1, "oops"), "(unknown)", "the value holding k is a string, not a map"},
	}
	for _, tt := range tests {
		got := field(tt.m, "k")
		if got.GoString() != tt.want || (got != nil && got.Reason != "" && !strings.Contains(got.Reason, tt.wantReason)) {
			t.Errorf("%s: field = %s (%q), want %s (%q)", tt.name, got.GoString(), got.Reason, tt.want, tt.wantReason)
		}
	}
	if got := field(imported, "k"); got.Loc.StartLine != 3 {
		t.Errorf("field under an Unknown is at line %d, want the Unknown's line 3", got.Loc.StartLine)
	}
}

func TestAnyOf(t *testing.T) {
	sure := res(tf, "aws_route_table_association", "aws_route_table_association.a", 1, map[string]any{})
	perhaps := maybeRes(res(tf, "aws_route_table_association", "aws_route_table_association.b[*]", 10, map[string]any{}))
	tests := []struct {
		name string
		rs   []*graph.Resource
		want presence
		id   string
	}{
		{"none", nil, absent, ""},
		{"one that may exist", []*graph.Resource{perhaps}, maybe, "aws_route_table_association.b[*]"},
		{"a sure one after a maybe", []*graph.Resource{perhaps, sure}, present, "aws_route_table_association.a"},
	}
	for _, tt := range tests {
		p := anyOf(tt.rs)
		id := ""
		if p.res != nil {
			id = p.res.ID
		}
		if p.presence != tt.want || id != tt.id {
			t.Errorf("%s: anyOf = %s %q, want %s %q", tt.name, p.presence, id, tt.want, tt.id)
		}
	}
}

// TestOwnerByASharedVariable: through the real Terraform front-end, two
// resources that read one unset variable (bucket = var.name on both sides)
// name the same owner.
func TestOwnerByASharedVariable(t *testing.T) {
	units := terraform.LoadModules(t.Context(), []string{"testdata/fold/sharedname"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	u := units[0]
	bucket, versioning := u.Resource("aws_s3_bucket.b"), u.Resource("aws_s3_bucket_versioning.v")
	if bucket == nil || versioning == nil {
		t.Fatal("missing resources")
	}
	var diags graph.Diagnostics
	f := newFolder(newUnitIndex(t.Context(), u), &diags, "aws_s3_bucket")
	f.addOwner(&graph.Canonical{ID: bucket.ID, Native: bucket, Props: props(bucket)}, attr(bucket, "bucket"))
	owner := f.ownerByName(attr(versioning, "bucket"))
	if owner == nil || owner.ID != "aws_s3_bucket.b" {
		t.Fatalf("owner = %v, want aws_s3_bucket.b", owner)
	}
}
