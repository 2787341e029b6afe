package aws

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws/policydoc"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

func TestPolicyDocumentReadsADataSourceInAModule(t *testing.T) {
	units := terraform.LoadModules(context.Background(), []string{"testdata/policydoc"}, terraform.Options{Root: "testdata"})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	u := units[0]
	lookup := dataSources(u)

	role := u.Resource("module.role.aws_iam_role.this")
	if role == nil {
		t.Fatal("no module.role.aws_iam_role.this")
	}
	model, diags := policyDocument(role, role.Attrs.Get("assume_role_policy"), lookup)
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	p := model.At(graph.Path{policydoc.KeyStatements, 0, policydoc.KeyPrincipals, "Service", 0})
	if p == nil || p.Str != "ec2.amazonaws.com" || p.Loc.StartLine != 6 {
		t.Errorf("principal = %#v, want ec2.amazonaws.com at modules/role/main.tf:6", p)
	}

	bad := u.Resource("module.role.aws_iam_role_policy.bad")
	if bad == nil {
		t.Fatal("no module.role.aws_iam_role_policy.bad")
	}
	_, diags = policyDocument(bad, bad.Attrs.Get("policy"), lookup)
	if len(diags) != 1 || diags[0].Resource != bad.ID || diags[0].Location.StartLine != 17 {
		t.Errorf("diagnostics = %v, want one for %s at line 17", diags, bad.ID)
	}
}
