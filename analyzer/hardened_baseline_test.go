package analyzer

import (
	"context"
	"path/filepath"
	"testing"
)

// TestHardenedBaseline: an account baseline (a multi-region trail with log
// file validation, KMS and CloudWatch Logs writing to a private, logged,
// TLS-only bucket; an AWS Config recorder of every type with its delivery
// channel, started; a VPC with a flow log; the alarm families in alarms.*)
// gives no finding and no undecided result from any rule with the
// account-baseline profile on, in CloudFormation and in Terraform. The
// directory of each framework is scanned whole, so the alarm families
// written in a file of their own are judged with the rest of the account.
func TestHardenedBaseline(t *testing.T) {
	mustPass := []string{
		"AWS-BASE-001", "AWS-BASE-002", "AWS-BASE-007", "AWS-VPC-001",
		"AWS-CT-001", "AWS-CT-002", "AWS-CT-003", "AWS-CT-004", "AWS-CT-005",
		"AWS-CFG-001", "AWS-KMS-001",
		"AWS-BASE-003", "AWS-BASE-004", "AWS-BASE-005", "AWS-BASE-006",
	}
	for _, fw := range []string{"cloudformation", "terraform"} {
		t.Run(fw, func(t *testing.T) {
			path := filepath.Join("../testdata/hardened/baseline", fw)
			opts := Options{Paths: []string{path}, Profiles: []string{"account-baseline"}, Workers: 1}
			res, err := Scan(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Errors {
				t.Errorf("%s does not parse: %s", path, d.Error())
			}
			for _, f := range res.Findings {
				if !f.Suppressed {
					t.Errorf("%s:%d: %s %s", f.Location.File, f.Location.StartLine, f.RuleID, f.Message)
				}
			}
			for _, u := range res.Undecided {
				t.Errorf("%s:%d: undecided %s: %s", u.Location.File, u.Location.StartLine, u.RuleID, u.Reason)
			}
			passed := map[string]bool{}
			for _, c := range res.Passed {
				passed[c.RuleID] = true
			}
			for _, id := range mustPass {
				if !passed[id] {
					t.Errorf("%s passed nothing: the fixture does not exercise it", id)
				}
			}
		})
	}
}
