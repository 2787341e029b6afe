package analyzer

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// TestHardenedData: an Aurora PostgreSQL cluster (encrypted with a
// customer managed key, private, backed up 14 days, deletion-protected, TLS
// forced by its cluster parameter group, master password managed by
// Secrets Manager), a KMS key with rotation, an SQS queue and an SNS topic
// with that key, a DynamoDB table with point-in-time recovery and the key,
// an encrypted EFS file system, an ElastiCache replication group encrypted
// at rest and in transit with an AUTH token from Secrets Manager, and an
// encrypted private Redshift cluster whose parameter group requires SSL,
// behind security groups that admit the application tier only, written in
// CloudFormation YAML, the same in JSON, and in Terraform, give no finding
// and no undecided result from any built-in rule; and every data rule
// passes somewhere (it ran on what it judges).
func TestHardenedData(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	mustPass := []string{
		"AWS-RDS-001", "AWS-RDS-002", "AWS-RDS-003", "AWS-RDS-004", "AWS-RDS-005",
		"AWS-RS-001", "AWS-RS-002", "AWS-RS-003", "AWS-DDB-001", "AWS-DDB-002",
		"AWS-EFS-001", "AWS-ELC-001", "AWS-KMS-001", "AWS-SQS-001", "AWS-SNS-001",
		"AWS-SEC-002", "AWS-SG-007", "AWS-SG-008", "AWS-SG-009",
	}
	for _, path := range []string{
		"../testdata/hardened/data/cloudformation.yaml",
		"../testdata/hardened/data/cloudformation.json",
		"../testdata/hardened/data/terraform",
	} {
		res, err := Scan(context.Background(), Options{Paths: []string{path}, Engine: eng, Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range res.Errors {
			t.Errorf("%s does not parse: %s", path, d.Error())
		}
		passed := map[string]bool{}
		for _, c := range res.Passed {
			passed[c.RuleID] = true
		}
		for _, id := range mustPass {
			if !passed[id] {
				t.Errorf("%s: %s passed nowhere: it did not run on what it judges", path, id)
			}
		}
		for _, f := range res.Findings {
			t.Errorf("%s:%d: %s %s", f.Location.File, f.Location.StartLine, f.RuleID, f.Message)
		}
		for _, u := range res.Undecided {
			t.Errorf("%s:%d: undecided %s: %s", u.Location.File, u.Location.StartLine, u.RuleID, u.Reason)
		}
	}
}
