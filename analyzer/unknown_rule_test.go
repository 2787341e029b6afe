package analyzer

import (
	"context"
	"path/filepath"
	"testing"
)

// TestUnknownRuleElementScans is the regression test for a panic in the
// security group normalizer: a rule list holding an Unknown element (a
// condition on a parameter without a default choosing a rule or
// AWS::NoValue; ingress = [var.u]) scans, the known rule is still checked,
// and what depends on the unknown one is undecided.
func TestUnknownRuleElementScans(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"cfn.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Open:
    Type: String
Conditions:
  IsOpen: !Equals [!Ref Open, "yes"]
Resources:
  SG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
        - !If [IsOpen, {IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0}, !Ref AWS::NoValue]
`,
		"tf/main.tf": `variable "u" {}

resource "aws_security_group" "a" {
  ingress = [var.u]
}
`,
	})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002", "AWS-SG-011"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Findings) != 1 || res.Findings[0].RuleID != "AWS-SG-002" || filepath.Base(res.Findings[0].Location.File) != "cfn.yaml" {
		t.Errorf("findings = %+v, want AWS-SG-002 on the known rule of cfn.yaml", res.Findings)
	}
	undecided := map[string]bool{}
	for _, u := range res.Undecided {
		undecided[filepath.Base(u.Location.File)+" "+u.RuleID+" "+u.Path] = true
	}
	for _, want := range []string{
		// cfn.yaml's group has an AWS-SG-002 finding already: a resource
		// is in one bucket per rule.
		"cfn.yaml AWS-SG-011 ingress_count",
		"main.tf AWS-SG-002 ingress[0]", "main.tf AWS-SG-011 ingress_count",
	} {
		if !undecided[want] {
			t.Errorf("no undecided %s; got %v", want, undecided)
		}
	}
}
