package main

import (
	"slices"
	"testing"
)

// openToWorldTemplate opens every port of a group to the internet at line
// 11: AWS-SG-001 (all ports), AWS-SG-002 (it covers SSH and RDP),
// AWS-SG-003 (it covers the database ports) and AWS-SG-006 (it lets UDP
// and ICMP through) each report it on their own contract.
const openToWorldTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: app-sg
      GroupDescription: application tier
      SecurityGroupIngress:
        - Description: everything from anywhere
          IpProtocol: "-1"
          CidrIp: 0.0.0.0/0
`

// TestE2ERulesAreIndependent checks that selecting, skipping or suppressing
// one rule changes nothing in what another reports: a database port open
// to the internet through an all-ports rule is reported by AWS-SG-003
// whether AWS-SG-001 runs or not.
func TestE2ERulesAreIndependent(t *testing.T) {
	rulesAt := func(r run) []string {
		t.Helper()
		var ids []string
		for _, f := range parseReport(t, r.stdout).Findings {
			if f.Suppressed {
				continue
			}
			if f.Location.StartLine != 11 {
				continue
			}
			ids = append(ids, f.RuleID)
		}
		slices.Sort(ids)
		return ids
	}
	tests := []struct {
		name  string
		files map[string]string
		args  []string
		want  []string
	}{
		{"all rules", nil, nil, []string{"AWS-SG-001", "AWS-SG-002", "AWS-SG-003", "AWS-SG-006"}},
		{"--rule AWS-SG-003 alone", nil, []string{"--rule", "AWS-SG-003"}, []string{"AWS-SG-003"}},
		{"--skip-rule AWS-SG-001", nil, []string{"--skip-rule", "AWS-SG-001"}, []string{"AWS-SG-002", "AWS-SG-003", "AWS-SG-006"}},
		{
			"AWS-SG-001 suppressed in the configuration",
			map[string]string{".rampart.yaml": "ignore:\n  - id: AWS-SG-001\n    reason: reviewed\n"},
			nil,
			[]string{"AWS-SG-002", "AWS-SG-003", "AWS-SG-006"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"stack.yaml": openToWorldTemplate}
			for name, content := range tt.files {
				files[name] = content
			}
			dir := fixture(t, files)
			r := rampart(t, dir, nil, append([]string{"scan", "stack.yaml", "--format", "json"}, tt.args...)...)
			r.wantCode(t, 1)
			if got := rulesAt(r); !slices.Equal(got, tt.want) {
				t.Errorf("findings at the open rule: %v, want %v", got, tt.want)
			}
		})
	}
}
