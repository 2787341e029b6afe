package analyzer

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// TestHardenedS3: a data bucket, its log bucket and (in Terraform) a
// CloudTrail bucket, encrypted, versioned, logged, private and TLS-only,
// with lifecycle rules, written in CloudFormation, in the provider v3
// style and in the v4 split style (the public access block and the policy
// in a child module), give no finding and no undecided result from any S3
// rule.
func TestHardenedS3(t *testing.T) {
	rules := []string{
		"AWS-S3-001", "AWS-S3-002", "AWS-S3-003", "AWS-S3-004", "AWS-S3-005",
		"AWS-S3-006", "AWS-S3-007", "AWS-S3-008", "AWS-S3-009", "AWS-S3-010",
	}
	eng, err := engine.New(context.Background(), engine.Options{Workers: 1, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"../testdata/hardened/s3/cloudformation.yaml",
		"../testdata/hardened/s3/terraform-v3",
		"../testdata/hardened/s3/terraform-v4",
	} {
		res, err := Scan(context.Background(), Options{Paths: []string{path}, Engine: eng, Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range res.Errors {
			t.Errorf("%s does not parse: %s", path, d.Error())
		}
		if len(res.Passed) == 0 {
			t.Errorf("%s: no S3 check passed: the rules did not run", path)
		}
		for _, f := range res.Findings {
			t.Errorf("%s:%d: %s %s", f.Location.File, f.Location.StartLine, f.RuleID, f.Message)
		}
		for _, u := range res.Undecided {
			t.Errorf("%s:%d: undecided %s: %s", u.Location.File, u.Location.StartLine, u.RuleID, u.Reason)
		}
	}
}
