package aws

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestIAMAttachments: each attachment is folded into the policy when the
// policy is in the scan (whoever declares it), else into the identity; an
// attachment of which neither side is in the scan is a note; the parts
// record the attachment resources.
func TestIAMAttachments(t *testing.T) {
	doc := map[string]any{"Version": "2012-10-17", "Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
	}}
	resources := []*graph.Resource{
		res(cfn, "AWS::IAM::User", "Alice", 1, map[string]any{
			"ManagedPolicyArns": []any{ref("Read", "Ref"), "arn:aws:iam::aws:policy/ReadOnlyAccess"},
		}),
		res(cfn, "AWS::IAM::ManagedPolicy", "Read", 20, map[string]any{
			"PolicyDocument": doc, "Groups": []any{"ops"}, "Roles": []any{ref("App", "Ref")},
		}),
		res(cfn, "AWS::IAM::Role", "App", 40, map[string]any{"AssumeRolePolicyDocument": doc}),
		res(tf, "aws_iam_group", "aws_iam_group.admins", 60, map[string]any{"name": "admins"}),
		res(tf, "aws_iam_group_policy_attachment", "aws_iam_group_policy_attachment.admin", 70, map[string]any{
			"group": ref("aws_iam_group.admins", "name"), "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess",
		}),
		res(tf, "aws_iam_policy_attachment", "aws_iam_policy_attachment.read", 80, map[string]any{
			"users": []any{"bob"}, "policy_arn": ref("Read", "Ref"),
		}),
		res(tf, "aws_iam_user_policy_attachment", "aws_iam_user_policy_attachment.elsewhere", 90, map[string]any{
			"user": "carol", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
		}),
	}
	cs, diags := Normalize(context.Background(), &graph.Unit{Path: "u", Resources: resources})
	got := map[string]*graph.Canonical{}
	for _, c := range cs {
		got[c.ID] = c
	}
	want := map[string]map[string]string{
		"Read": {
			"users":  `[{identity: "bob", origin: "aws_iam_policy_attachment.read", present: true}, {identity: "Alice", origin: "Alice", present: true}]`,
			"groups": `[{identity: "ops", origin: "Read", present: true}]`,
			"roles":  `[{identity: "App", origin: "Read", present: true}]`,
		},
		"Alice": {
			"attached_policies": `[{arn: "arn:aws:iam::aws:policy/ReadOnlyAccess", origin: "Alice", present: true}]`,
		},
		"aws_iam_group.admins": {
			"attached_policies": `[{arn: "arn:aws:iam::aws:policy/AdministratorAccess", origin: "aws_iam_group_policy_attachment.admin", present: true}]`,
		},
	}
	for id, props := range want {
		c := got[id]
		if c == nil {
			t.Fatalf("no canonical resource %s", id)
		}
		for key, w := range props {
			if g := c.Props.Get(key).GoString(); g != w {
				t.Errorf("%s %s\n got %s\nwant %s", id, key, g, w)
			}
		}
	}
	if parts := got["Read"].Parts; len(parts) != 2 || parts[0] != "aws_iam_policy_attachment.read" || parts[1] != "Alice" {
		t.Errorf("Read parts = %v", parts)
	}
	var notes []string
	for _, d := range diags {
		if d.Severity == graph.SeverityNote {
			notes = append(notes, d.Summary)
		}
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "aws_iam_user_policy_attachment.elsewhere") {
		t.Errorf("notes = %q, want one about aws_iam_user_policy_attachment.elsewhere", notes)
	}
}

// TestIAMRoleSAMPolicyTemplates: an inline policy of a role the SAM
// transform generated names the policy template it was expanded from, as
// the CloudFormation front-end records it in Meta; any other inline policy
// of a role names none.
func TestIAMRoleSAMPolicyTemplates(t *testing.T) {
	doc := map[string]any{"Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "sqs:ReceiveMessage", "Resource": "*"},
	}}
	generated := res(cfn, "AWS::IAM::Role", "WorkerRole", 1, map[string]any{
		"AssumeRolePolicyDocument": doc,
		"Policies": []any{
			map[string]any{"PolicyName": "WorkerRolePolicy0", "PolicyDocument": doc},
			map[string]any{"PolicyName": "WorkerRolePolicy1", "PolicyDocument": doc},
		},
	})
	templates := graph.Map(generated.Loc)
	templates.Set("WorkerRolePolicy1", graph.String("SQSPollerPolicy", generated.Loc))
	generated.Meta = map[string]*graph.Value{graph.MetaSAMPolicyTemplates: templates}
	written := res(tf, "aws_iam_role", "aws_iam_role.app", 20, map[string]any{
		"assume_role_policy": `{"Statement":[]}`,
		"inline_policy":      []any{map[string]any{"name": "logs", "policy": `{"Statement":[]}`}},
	})
	cs, _ := Normalize(context.Background(), &graph.Unit{Path: "u", Resources: []*graph.Resource{generated, written}})
	want := map[string][]string{
		"WorkerRole":       {`""`, `"SQSPollerPolicy"`},
		"aws_iam_role.app": {`""`},
	}
	for _, c := range cs {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		for i, tpl := range w {
			if got := c.Props.At(graph.Path{"policies", i, "sam_policy_template"}).GoString(); got != tpl {
				t.Errorf("%s policies[%d].sam_policy_template = %s, want %s", c.ID, i, got, tpl)
			}
		}
		delete(want, c.ID)
	}
	for id := range want {
		t.Errorf("no canonical resource %s", id)
	}
}
