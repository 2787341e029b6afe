package analyzer

import (
	"context"
	"strings"
	"testing"
)

// TestConditionInFindingTrace checks that a finding about a resource that
// exists only because a condition held (a CloudFormation Condition that is
// true, a Terraform count chosen by a known conditional) starts its trace
// at the condition, naming it and the input that decided it; a resource
// without one has no such hop.
func TestConditionInFindingTrace(t *testing.T) {
	const template = `Parameters:
  Env:
    Type: String
    Default: prod
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    CONDITION
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`
	const module = `variable "create" {
  type    = bool
  default = true
}

resource "aws_security_group" "web" {
  COUNT
  description = "web"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`
	tests := []struct {
		name, file, text, wantNote string
		wantLine                   int
	}{
		{"CloudFormation condition true", "t.yaml", strings.Replace(template, "CONDITION", "Condition: IsProd", 1),
			"resource Web exists because condition IsProd is true (decided by parameter Env)", 10},
		{"CloudFormation no condition", "t.yaml", strings.Replace(template, "CONDITION", "Metadata: {}", 1), "", 0},
		{"Terraform count chosen by a conditional", "main.tf", strings.Replace(module, "COUNT", "count = var.create ? 1 : 0", 1),
			"aws_security_group.web exists because its count's conditional is true (decided by var.create)", 7},
		{"Terraform count without a conditional", "main.tf", strings.Replace(module, "COUNT", "count = 1", 1), "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{tc.file: tc.text})
			res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 {
				t.Fatalf("findings = %+v, want one", res.Findings)
			}
			trace := res.Findings[0].Trace
			hasHop := len(trace) > 0 && strings.Contains(trace[0].Note, " exists because ")
			switch {
			case tc.wantNote == "" && hasHop:
				t.Errorf("trace %+v has a condition hop for a resource without a condition", trace)
			case tc.wantNote != "" && (!hasHop || trace[0].Note != tc.wantNote || trace[0].StartLine != tc.wantLine):
				t.Errorf("trace = %+v, want first hop %q at line %d", trace, tc.wantNote, tc.wantLine)
			}
		})
	}
}
