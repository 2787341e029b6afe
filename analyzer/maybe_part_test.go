package analyzer

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Issue 9, the normalizers' two guesses, end to end: a rule resource that
// may not exist (a Terraform count over an unset variable, a CloudFormation
// condition on an unset parameter) no longer counts as present, and a
// property under an Unknown block is not read as absent.

const maybeRuleTF = `variable "n" {
  type = number
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "web"
  vpc_id      = "vpc-1"
}

resource "aws_security_group_rule" "a" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
  description       = "a"
}

resource "aws_security_group_rule" "b" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_blocks       = ["10.0.0.0/8"]
  description       = "b"
}

resource "aws_security_group_rule" "c" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 8080
  to_port           = 8080
  cidr_blocks       = ["10.0.0.0/8"]
  description       = "c"
}

resource "aws_security_group_rule" "extra" {
  count             = var.n
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "extra"
}
`

const maybeRuleCFN = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Open:
    Type: String
Conditions:
  IsOpen: !Equals [!Ref Open, "yes"]
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: vpc-1
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
          Description: a
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          CidrIp: 10.0.0.0/8
          Description: b
        - IpProtocol: tcp
          FromPort: 8080
          ToPort: 8080
          CidrIp: 10.0.0.0/8
          Description: c
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Condition: IsOpen
    Properties:
      GroupId: !Ref Web
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
      Description: ssh
`

// outcome is "F <rule> <line>" for a finding and "U <rule> <line> <path>:
// <reason>" for an undecided result, sorted.
func outcomes(t *testing.T, files map[string]string, rules ...string) []string {
	t.Helper()
	dir := writeFiles(t, files)
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, "F "+f.RuleID+" "+strconv.Itoa(f.Location.StartLine))
	}
	for _, u := range res.Undecided {
		out = append(out, "U "+u.RuleID+" "+strconv.Itoa(u.Location.StartLine)+" "+u.Path+": "+u.Reason)
	}
	sort.Strings(out)
	return out
}

func TestMaybePartIsUndecided(t *testing.T) {
	tfReason := "aws_security_group_rule.extra[*] may not exist: its count or for_each (or its module's) is not known before apply"
	cfnReason := "Ssh may not exist: its condition IsOpen is not known"
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "terraform count over an unset variable",
			files: map[string]string{"main.tf": maybeRuleTF},
			want: []string{
				"U AWS-SG-002 41 ingress[3].present: " + tfReason,
				"U AWS-SG-011 41 ingress_count: " + tfReason,
			},
		},
		{
			name:  "cloudformation condition on an unset parameter",
			files: map[string]string{"sg.yaml": maybeRuleCFN},
			want: []string{
				"U AWS-SG-002 31 ingress[3].present: " + cfnReason,
				"U AWS-SG-011 31 ingress_count: " + cfnReason,
			},
		},
		{
			// A certain rule that opens an admin port is still a finding.
			name: "a certain finding next to a maybe rule stays certain",
			files: map[string]string{"sg.yaml": strings.Replace(maybeRuleCFN,
				"FromPort: 8080\n          ToPort: 8080\n          CidrIp: 10.0.0.0/8",
				"FromPort: 3389\n          ToPort: 3389\n          CidrIp: 0.0.0.0/0", 1)},
			want: []string{
				"F AWS-SG-002 27",
				"U AWS-SG-011 31 ingress_count: " + cfnReason,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := outcomes(t, tt.files, "AWS-SG-002", "AWS-SG-011")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A launch template whose data is imported names groups no one can see:
// AWS-SG-012 ("names no security group") is undecided, not a finding.
func TestPropertyUnderAnUnknownBlockIsUnknown(t *testing.T) {
	got := outcomes(t, map[string]string{"lt.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: !ImportValue shared
`}, "AWS-SG-012")
	want := []string{`U AWS-SG-012 6 security_groups: Fn::ImportValue "shared" is exported by another stack`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
