package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestExplainParametersAndExamples checks that explain lists a rule's
// parameters with type and default, and its failing and passing examples
// indented, blank lines kept blank.
func TestExplainParametersAndExamples(t *testing.T) {
	r := result.Rule{
		ID: "AWS-SG-002", Name: "sg-no-public-admin-ports", Severity: result.SeverityCritical, Title: "Admin ports open", Builtin: true,
		Parameters: []result.Parameter{
			{Name: "admin_ports", Type: "list(port)", Default: []any{int64(22), int64(3389)}, Description: "Ports that give administrative access to a host."},
			{Name: "name_pattern", Type: "regex", Default: "^a{1,3}$", Description: "A pattern."},
		},
		Examples: []result.Example{
			{Fails: true, File: "tf-fail/main.tf", StartLine: 3, Text: "resource \"aws_security_group\" \"a\" {\n\n  cidr_blocks = [\"0.0.0.0/0\"] # <- AWS-SG-002\n}\n"},
			{File: "tf-pass/main.tf", StartLine: 1, Text: "resource \"aws_security_group\" \"b\" {}\n"},
		},
	}
	var b bytes.Buffer
	if err := WriteExplain(&b, r); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\nParameters (set them under rule_config: in .rampart.yaml):\n  admin_ports (list(port), default [22, 3389])\n      Ports that give administrative access to a host.\n",
		"  name_pattern (regex, default \"^a{1,3}$\")\n",
		"\nFailing example (tf-fail/main.tf):\n    resource \"aws_security_group\" \"a\" {\n\n      cidr_blocks = [\"0.0.0.0/0\"] # <- AWS-SG-002\n    }\n",
		"\nPassing example (tf-pass/main.tf):\n    resource \"aws_security_group\" \"b\" {}\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain lacks %q:\n%s", want, b.String())
		}
	}
}

// TestSARIFRuleEquivalentsAndRulesJSONParameters checks that a SARIF rule
// descriptor carries the checks of other tools in its properties, and that
// rules --format json lists a rule's parameters.
func TestSARIFRuleEquivalentsAndRulesJSONParameters(t *testing.T) {
	r := result.Rule{ID: "AWS-SG-002", Name: "sg-no-public-admin-ports", Severity: result.SeverityCritical, Title: "Admin ports open",
		Equivalents: []string{"checkov:CKV_AWS_24"},
		Parameters:  []result.Parameter{{Name: "admin_ports", Type: "list(port)", Default: []any{22, 3389}, Description: "d"}}}
	out := string(render(t, "sarif", Options{Tool: tool}, &result.Result{Rules: []result.Rule{r}}))
	if !strings.Contains(out, `"equivalents": [`) || !strings.Contains(out, `"checkov:CKV_AWS_24"`) {
		t.Errorf("SARIF rule properties lack the equivalents:\n%s", out)
	}
	validateSARIF(t, []byte(out))
	var js bytes.Buffer
	if err := WriteRules(&js, []result.Rule{r}, "json"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"parameters": [`) || !strings.Contains(js.String(), `"name": "admin_ports"`) {
		t.Errorf("rules JSON lacks the parameters:\n%s", js.String())
	}
}

// TestExplainShowsSettings checks that explain says which value the
// configuration sets for a parameter, and where.
func TestExplainShowsSettings(t *testing.T) {
	r := result.Rule{ID: "AWS-SG-011", Name: "sg-max-ingress-rules", Severity: result.SeverityLow, Title: "Too many rules",
		Parameters: []result.Parameter{{Name: "max_ingress_rules", Type: "integer", Default: int64(3), Description: "Most ingress rules."}}}
	var b bytes.Buffer
	if err := WriteExplainSettings(&b, r, map[string]ParameterSetting{"max_ingress_rules": {Value: 5, Source: ".rampart.yaml:4"}}); err != nil {
		t.Fatal(err)
	}
	if want := "  max_ingress_rules (integer, default 3)\n      set to 5 at .rampart.yaml:4\n      Most ingress rules.\n"; !strings.Contains(b.String(), want) {
		t.Errorf("explain lacks %q:\n%s", want, b.String())
	}
}

// TestAccountScopeIsShown checks that explain and rules --format json say
// a rule is judged once over the whole scan (an account-baseline rule).
func TestAccountScopeIsShown(t *testing.T) {
	r := result.Rule{ID: "AWS-BASE-001", Name: "baseline-cloudtrail", Severity: result.SeverityHigh, Title: "No trail",
		Profile: "account-baseline", Scope: "account", Builtin: true}
	var ex, js bytes.Buffer
	if err := WriteExplain(&ex, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ex.String(), "\nScope: account (") {
		t.Errorf("explain does not give the scope:\n%s", ex.String())
	}
	if err := WriteRules(&js, []result.Rule{r}, "json"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"scope": "account"`) {
		t.Errorf("rules JSON lacks the scope:\n%s", js.String())
	}
}
