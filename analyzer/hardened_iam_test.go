package analyzer

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// TestHardenedIAM: least-privilege roles for an EC2 instance and a Lambda
// function, a SAM function whose permissions are SAM policy templates, a
// cross-account role with an external ID, an administrators
// group that requires MFA and a CIS password policy, in both frameworks,
// give no finding and no undecided result from any IAM rule, even with the
// templates' own account known (so cross-account trust is judged).
func TestHardenedIAM(t *testing.T) {
	rules := []string{
		"AWS-IAM-001", "AWS-IAM-002", "AWS-IAM-003", "AWS-IAM-004", "AWS-IAM-005",
		"AWS-IAM-006", "AWS-IAM-007", "AWS-IAM-008", "AWS-IAM-009",
	}
	eng, err := engine.New(context.Background(), engine.Options{
		Workers: 1, Rules: rules,
		Config: map[string]any{"own_account_ids": []any{"111122223333"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"../testdata/hardened/iam/cloudformation.yaml", "../testdata/hardened/iam/terraform"} {
		res, err := Scan(context.Background(), Options{Paths: []string{path}, Engine: eng, Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range res.Errors {
			t.Errorf("%s does not parse: %s", path, d.Error())
		}
		if len(res.Passed) == 0 {
			t.Errorf("%s: no IAM check passed: the rules did not run", path)
		}
		for _, f := range res.Findings {
			t.Errorf("%s:%d: %s %s", f.Location.File, f.Location.StartLine, f.RuleID, f.Message)
		}
		for _, u := range res.Undecided {
			t.Errorf("%s:%d: undecided %s: %s", u.Location.File, u.Location.StartLine, u.RuleID, u.Reason)
		}
	}
}
