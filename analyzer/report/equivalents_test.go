package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestEquivalentsShown checks that the checks of other tools a rule lists
// reach `rampart explain` and `rampart rules --format json`, so a user
// moving from Checkov, Trivy or KICS can map a suppression.
func TestEquivalentsShown(t *testing.T) {
	r := result.Rule{ID: "AWS-VPC-001", Name: "vpc-flow-logs-enabled", Severity: result.SeverityMedium,
		Title: "VPC without flow logs", Equivalents: []string{"checkov:CKV2_AWS_11", "trivy:AVD-AWS-0178"}}
	var explain bytes.Buffer
	if err := WriteExplain(&explain, r); err != nil {
		t.Fatal(err)
	}
	if want := "Equivalent checks in other tools:\n  - checkov:CKV2_AWS_11\n  - trivy:AVD-AWS-0178\n"; !strings.Contains(explain.String(), want) {
		t.Errorf("explain does not list the equivalents:\n%s", explain.String())
	}
	var js bytes.Buffer
	if err := WriteRules(&js, []result.Rule{r}, "json"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"equivalents": [`) {
		t.Errorf("rules JSON does not list the equivalents:\n%s", js.String())
	}
}
