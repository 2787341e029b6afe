package policydoc

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// loadTerraform loads testdata/terraform, whose policies are written in
// every Terraform syntax, through the real front-end.
func loadTerraform(t *testing.T) *graph.Unit {
	t.Helper()
	units := terraform.LoadModules(context.Background(), []string{"testdata/terraform"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	for _, d := range units[0].Diagnostics {
		if d.Severity == graph.SeverityError {
			t.Fatalf("front-end error: %s", d.Error())
		}
	}
	return units[0]
}

// byID looks data sources up by exact address, enough for one module.
func byID(u *graph.Unit) DataSources {
	return func(ref graph.Ref) *graph.Resource { return u.Resource(ref.Resource) }
}

func TestTerraformSources(t *testing.T) {
	u := loadTerraform(t)
	tests := []struct {
		resource, attr string
		want           []string
		absent         []string
	}{
		{
			resource: "aws_iam_policy.heredoc", attr: "policy",
			want: []string{
				`statements[0] @18`,
				`statements[0].sid = "Read" @19`,
				`statements[0].actions[0] = "s3:GetObject" @21`,
				`statements[0].resources[0] = "*" @22`,
			},
		},
		{
			resource: "aws_iam_policy.encoded", attr: "policy",
			want: []string{
				`statements[0] @33`,
				`statements[0].actions[0] = "s3:*" @35`,
				`statements[0].actions[1] = "iam:PassRole" @35`,
				`statements[0].resources = (unknown) @36`,
				`statements[1] @38`,
				`statements[1].effect = "Deny" @39`,
				`statements[1].not_actions = (unknown) @40`,
			},
		},
		{
			// file() is known: the document is parsed, located at the call.
			resource: "aws_iam_policy.file", attr: "policy",
			want: []string{`statements[0].actions[0] = "ec2:Describe*" @48`},
		},
		{
			// base (source) gives Base and Shared; the own Base replaces
			// it in place and the sid-less statement is appended; over
			// replaces Shared.
			resource: "aws_iam_policy.merged", attr: "policy",
			want: []string{
				`statements[0] @77`,
				`statements[0].actions[0] = "kms:Decrypt" @79`,
				`statements[0].principals.Service[0] = "ec2.amazonaws.com" @83`,
				`statements[0].principals.Service[1] = "lambda.amazonaws.com" @87`,
				`statements[0].conditions.StringEquals.aws:SourceAccount[0] = "111122223333" @92`,
				`statements[1] @65`,
				`statements[1].effect = "Deny" @67`,
				`statements[1].actions[0] = "s3:DeleteObject" @68`,
				`statements[2] @95`,
				`statements[2].effect = "Allow" @95`,
				`statements[2].actions[0] = "logs:PutLogEvents" @96`,
				`version = "2012-10-17" @73`,
			},
			absent: []string{`statements[3] @95`},
		},
		{
			resource: "aws_iam_policy.dynamic", attr: "policy",
			want: []string{`statements = (unknown) @106`},
		},
		{
			// A heredoc with an unknown interpolation keeps its tree.
			resource: "aws_iam_policy.interpolated", attr: "policy",
			want: []string{
				`statements[0] @151`,
				`statements[0].actions[0] = "s3:PutObject" @153`,
				`statements[0].resources = (unknown) @154`,
			},
		},
		{
			resource: "aws_iam_role.trust", attr: "assume_role_policy",
			want: []string{
				`statements[0].principals.AWS[0] = "*" @124`,
				`statements[0].actions[0] = "sts:AssumeRole" @121`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.resource, func(t *testing.T) {
			r := u.Resource(tt.resource)
			if r == nil {
				t.Fatalf("no resource %s", tt.resource)
			}
			doc, diags := Normalize(r.Attrs.Get(tt.attr), byID(u))
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			got := dump(doc)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, a := range tt.absent {
				if slices.Contains(got, a) {
					t.Errorf("unexpected %s", a)
				}
			}
		})
	}
}

// terraformKnown is what terraform 1.11 (terraform console) renders for the
// jsonencode argument of aws_iam_policy.known in testdata/terraform.
const terraformKnown = `{"Statement":[{"Action":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}},"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Resource":["*"],"Sid":"Admin"}],"Version":"2012-10-17"}`

// TestDecodedTreeAgreesWithTerraformsString checks the kept tree against
// Terraform as an oracle: the string is the one terraform renders, and the
// model read from the tree is the model read from that string.
func TestDecodedTreeAgreesWithTerraformsString(t *testing.T) {
	u := loadTerraform(t)
	p := u.Resource("aws_iam_policy.known").Attrs.Get("policy")
	if p.Str != terraformKnown || p.Decoded == nil {
		t.Fatalf("policy = %#v (tree %v), want terraform's string with its tree", p, p.Decoded != nil)
	}
	fromTree, _ := Normalize(p, nil)
	fromString, diags := Normalize(graph.String(terraformKnown, graph.Location{}), nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if got, want := fromTree.GoString(), fromString.GoString(); got != want {
		t.Errorf("model from the tree\n%s\nfrom terraform's string\n%s", got, want)
	}
	if a := fromTree.At(graph.Path{KeyStatements, 0, KeyActions, 0}); a.Loc.StartLine != 139 {
		t.Errorf("action at %s, want line 139", a.Loc)
	}
}
