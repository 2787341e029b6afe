package policydoc

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// parseTemplate parses a template of testdata/cloudformation through the
// real front-end.
func parseTemplate(t *testing.T, name string) *graph.Unit {
	t.Helper()
	path := "testdata/cloudformation/" + name
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := cloudformation.Parse(context.Background(), path, src, cloudformation.Options{Root: "testdata"})
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			t.Fatalf("front-end error: %s", d.Error())
		}
	}
	return u
}

func TestCloudFormationSources(t *testing.T) {
	tests := []struct {
		template, resource string
		path               graph.Path
		want               []string
	}{
		{
			template: "template.yaml", resource: "Role", path: graph.Path{"AssumeRolePolicyDocument"},
			want: []string{
				`statements[0] @16`,
				`statements[0].principals.Service[0] = "ec2.amazonaws.com" @18`,
				`statements[0].actions[0] = "sts:AssumeRole" @19`,
			},
		},
		{
			// !If on a parameter without value: the action is Unknown at
			// its place, and so is the !Sub ARN.
			template: "template.yaml", resource: "Role", path: graph.Path{"Policies", 0, "PolicyDocument"},
			want: []string{
				`statements[0].actions[0] = "s3:GetObject" @26`,
				`statements[0].actions[1] = (unknown) @27`,
				`statements[0].resources = (unknown) @28`,
			},
		},
		{
			template: "template.yaml", resource: "Role", path: graph.Path{"Policies", 1, "PolicyDocument"},
			want: []string{`statements = (unknown) @31`},
		},
		{
			template: "template.yaml", resource: "Role", path: graph.Path{"Policies", 2, "PolicyDocument"},
			want: []string{
				`statements[0] @41`,
				`statements[0].actions[0] = "logs:*" @41`,
			},
		},
		{
			// !Sub with unknown parts: the rendered JSON keeps its
			// statements, each unknown part an Unknown at its line.
			template: "template.yaml", resource: "Role", path: graph.Path{"Policies", 3, "PolicyDocument"},
			want: []string{
				`statements[0] @48`,
				`statements[0].actions[0] = "logs:PutLogEvents" @50`,
				`statements[0].resources = (unknown) @51`,
				`statements[1] @53`,
				`statements[1].actions[0] = "s3:GetObject" @53`,
				`statements[1].resources = (unknown Bucket.Arn) @53`,
			},
		},
		{
			template: "template.yaml", resource: "Role", path: graph.Path{"Policies", 4, "PolicyDocument"},
			want: []string{
				`statements[0] @57`,
				`statements[0].actions[0] = "sqs:*" @57`,
				`statements[0].resources = (unknown Bucket.Arn) @57`,
			},
		},
		{
			template: "template.json", resource: "Policy", path: graph.Path{"PolicyDocument"},
			want: []string{`statements[0].actions[0] = "ec2:*" @6`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.template+" "+tt.path.String(), func(t *testing.T) {
			u := parseTemplate(t, tt.template)
			r := u.Resource(tt.resource)
			if r == nil {
				t.Fatalf("no resource %s", tt.resource)
			}
			doc, diags := Normalize(r.Attrs.At(tt.path), nil)
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			got := dump(doc)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}
