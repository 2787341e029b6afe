package analyzer

import (
	"context"
	"strings"
	"testing"
)

// TestConditionInFindingTrace checks that a finding about a CloudFormation
// resource that exists only because its Condition is true starts its trace
// at the Condition line, naming the condition and the parameter that
// decided it; a resource without a condition has no such hop.
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
	tests := []struct {
		name, condition, wantNote string
		wantLine                  int
	}{
		{"condition true", "Condition: IsProd", "resource Web exists because condition IsProd is true (decided by parameter Env)", 10},
		{"no condition", "Metadata: {}", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"t.yaml": strings.Replace(template, "CONDITION", tc.condition, 1)})
			res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 {
				t.Fatalf("findings = %+v, want one", res.Findings)
			}
			trace := res.Findings[0].Trace
			hasHop := len(trace) > 0 && strings.Contains(trace[0].Note, "exists because condition")
			switch {
			case tc.wantNote == "" && hasHop:
				t.Errorf("trace %+v has a condition hop for a resource without a condition", trace)
			case tc.wantNote != "" && (!hasHop || trace[0].Note != tc.wantNote || trace[0].StartLine != tc.wantLine):
				t.Errorf("trace = %+v, want first hop %q at line %d", trace, tc.wantNote, tc.wantLine)
			}
		})
	}
}
