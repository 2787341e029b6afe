package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// accountRule is a user account-scope rule over security groups: a
// finding about the account when the scan has none, one about each group
// without a description, and, for a group whose VPC is a reference, an
// undecided result that depends on the first detached resource.
func accountRule(id string) string {
	return strings.Replace(userRule(id, "acme.rules.account_"+strings.ToLower(strings.ReplaceAll(id, "-", "_")), `
deny contains lib.account_finding("no security group exists in the scan") if {
	count(lib.resources("aws.ec2.security_group")) == 0
}

deny contains lib.finding(sg, ["description"], "no description") if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.description == ""
}

undecided contains lib.undecided_because(sg, d, ["GroupId"]) if {
	some sg in lib.resources("aws.ec2.security_group")
	sg.properties.description != ""
	some d in input.account.detached
}
`), "#   kinds:", "#   scope: account\n#   kinds:", 1)
}

func accountUnits() []AccountUnit {
	return []AccountUnit{
		{Path: "infra/network", File: "infra/network/main.tf", Source: graph.SourceTerraform},
		{Path: "stacks/web.yaml", File: "stacks/web.yaml", Source: graph.SourceCloudFormation},
	}
}

func TestAccountFindingAboutWhatTheScanLacks(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "account.rego", accountRule("ACME-100"))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-100"}})
	out, err := e.EvaluateAccount(context.Background(), Account{Units: accountUnits()})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 {
		t.Fatalf("findings = %+v, want one about the account", out.Findings)
	}
	f := out.Findings[0]
	if f.Location.File != "infra/network/main.tf" || f.Location.StartLine != 1 {
		t.Errorf("location = %v, want the first unit's main file, line 1", f.Location)
	}
	if f.Resource.ID != "account" || f.Message != "no security group exists in the scan" || f.Fingerprint == "" {
		t.Errorf("finding = %+v", f)
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "2 unit(s): infra/network (terraform), stacks/web.yaml (cloudformation)") {
		t.Errorf("notes = %q, want the units considered", f.Notes)
	}
	if len(f.Instances) != 1 || f.Instances[0].Root != "infra/network" {
		t.Errorf("instances = %+v", f.Instances)
	}
}

func TestAccountRulesRunOnlyOverTheAccount(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "account.rego", accountRule("ACME-100"))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-100"}})
	sg := securityGroup("WebSG", 10)
	sg.Props.Set("description", graph.String("", at(13)))
	out, err := e.Evaluate(context.Background(), []*graph.Canonical{sg}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings)+len(out.Undecided)+len(out.Passed) != 0 {
		t.Errorf("Evaluate of a unit ran the account rule: %+v", out)
	}
	out, err = e.EvaluateAccount(context.Background(), Account{Units: accountUnits(), Resources: []*graph.Canonical{sg}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 1 || out.Findings[0].Path != "description" || out.Findings[0].Location.StartLine != 13 {
		t.Errorf("findings = %+v, want the group's description", out.Findings)
	}
	if scope := e.AccountScope(); scope.Empty() || !scope.Kinds["aws.ec2.security_group"] || scope.PartTypes["AWS::EC2::SecurityGroupIngress"] != "aws.ec2.security_group" {
		t.Errorf("AccountScope = %+v, want the rule's kind and its part types", scope)
	}
}

func TestAccountScopeEmptyWithoutAccountRules(t *testing.T) {
	if s := newTestEngine(t, Options{}).AccountScope(); !s.Empty() {
		t.Errorf("AccountScope with the default rules = %+v, want empty (the baseline profile is off)", s)
	}
	if s := newTestEngine(t, Options{Profiles: []string{"account-baseline"}}).AccountScope(); s.Empty() || !s.Kinds["aws.ec2.vpc"] {
		t.Errorf("AccountScope with the baseline profile = %+v", s)
	}
}

func TestAccountUndecidedBecauseOfAnotherResource(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "account.rego", accountRule("ACME-100"))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-100"}})
	sg := securityGroup("WebSG", 10)
	attrs := graph.Map(graph.Location{File: "infra/network/main.tf", StartLine: 4})
	attrs.Set("GroupId", graph.Unknown("Fn::ImportValue \"web-sg\" is exported by another stack", graph.Location{File: "infra/network/main.tf", StartLine: 5}))
	ingress := &graph.Resource{ID: "Ingress", Type: "AWS::EC2::SecurityGroupIngress", Source: graph.SourceCloudFormation,
		Loc: graph.Location{File: "infra/network/main.tf", StartLine: 4}, Attrs: attrs}
	out, err := e.EvaluateAccount(context.Background(), Account{
		Units: accountUnits(), Resources: []*graph.Canonical{sg},
		Detached: []Detached{{Unit: "infra/network", Kind: "aws.ec2.security_group", Resource: ingress}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Findings) != 0 || len(out.Undecided) != 1 {
		t.Fatalf("out = %+v, want one undecided result", out)
	}
	u := out.Undecided[0]
	if u.Resource.ID != "WebSG" || u.Location.StartLine != 5 || u.Path != "" || !strings.Contains(u.Reason, "it depends on Ingress: Fn::ImportValue") {
		t.Errorf("undecided = %+v, want about WebSG, at the import", u)
	}
}

func TestAccountFindingOutsideAnAccountRuleFails(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "unit.rego", userRule("ACME-101", "acme.rules.unit", `deny contains lib.account_finding("nothing")`))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-101"}})
	_, err := e.Evaluate(context.Background(), []*graph.Canonical{securityGroup("WebSG", 10)}, nil)
	if err == nil || !strings.Contains(err.Error(), "not in the scan") {
		t.Errorf("err = %v, want a rule error: an account finding names no resource of the unit", err)
	}
}

func TestAccountScopeMetadataIsChecked(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "bad.rego", strings.Replace(userRule("ACME-102", "acme.rules.bad", "deny contains 1 if false"),
		"#   kinds:", "#   scope: organization\n#   kinds:", 1))
	_, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err == nil || !strings.Contains(err.Error(), `custom.scope: "organization" is not a scope`) {
		t.Errorf("err = %v, want the bad scope named", err)
	}
}

func TestEvaluateAccountWithoutUnits(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "account.rego", accountRule("ACME-100"))
	e := newTestEngine(t, Options{PolicyDirs: []string{dir}, Rules: []string{"ACME-100"}})
	out, err := e.EvaluateAccount(context.Background(), Account{})
	if err != nil || len(out.Findings) != 0 {
		t.Errorf("an empty scan: out = %+v, err = %v; want nothing (there is no account to judge)", out, err)
	}
}
