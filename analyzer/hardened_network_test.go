package analyzer

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// TestHardenedNetwork: a VPC with flow logs to a KMS-encrypted log group,
// public subnets with an internet gateway route, private app subnets
// behind a NAT gateway, network ACLs that deny RDP before opening
// ephemeral ports, a bastion host without a public IP behind a network load
// balancer open to the office range, an internet-facing HTTPS-only ALB, and
// a private app tier (a launch template and auto scaling group in
// the target group, and one instance) with IMDSv2, encrypted volumes and a
// role with managed policies only, in CloudFormation YAML and JSON and in
// Terraform (the app tier in a local child module), give no finding and no
// undecided result from any default rule, with no configuration.
func TestHardenedNetwork(t *testing.T) {
	eng, err := engine.New(context.Background(), engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	// Rules that must have judged something and passed it: proof that the
	// fixture exercises them rather than slipping past them.
	mustPass := []string{
		"AWS-VPC-001", "AWS-NACL-001", "AWS-SG-002", "AWS-SG-007", "AWS-SG-008",
		"AWS-SG-009", "AWS-SG-011", "AWS-SG-014", "AWS-SG-015", "AWS-SG-016",
		"AWS-EC2-001", "AWS-EC2-002", "AWS-EC2-003", "AWS-EBS-001",
		"AWS-IAM-009", "AWS-KMS-001",
	}
	for _, path := range []string{
		"../testdata/hardened/network/cloudformation.yaml",
		"../testdata/hardened/network/cloudformation.json",
		"../testdata/hardened/network/terraform",
	} {
		res, err := Scan(context.Background(), Options{Paths: []string{path}, Engine: eng, Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, d := range res.Errors {
			t.Errorf("%s does not parse: %s", path, d.Error())
		}
		for _, f := range res.Findings {
			t.Errorf("%s:%d: %s %s", f.Location.File, f.Location.StartLine, f.RuleID, f.Message)
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
				t.Errorf("%s: %s passed nothing: the fixture does not exercise it", path, id)
			}
		}
	}
}
