package analyzer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// A duplicated key is an error, but CloudFormation deploys the last value,
// so a rule still has to see it: the file is failed and the finding on the
// last CidrIp is reported.
func TestDuplicateKeyIsAnalysedWithTheLastValue(t *testing.T) {
	for _, name := range []string{"duplicate-cidr.yaml", "duplicate-cidr.json"} {
		t.Run(name, func(t *testing.T) {
			dir := "../testdata/cloudformation/scan"
			path := filepath.Join(dir, name)
			res, err := Scan(context.Background(), Options{Paths: []string{path}, Root: dir, Rules: []string{"AWS-SG-002"}})
			if err != nil {
				t.Fatal(err)
			}
			wantLine := 12
			if strings.HasSuffix(name, ".json") {
				wantLine = 14
			}
			if len(res.Findings) != 1 || res.Findings[0].Location.StartLine != wantLine {
				t.Fatalf("findings %+v; want AWS-SG-002 at line %d", res.Findings, wantLine)
			}
			if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Summary, `duplicate mapping key "CidrIp"`) {
				t.Errorf("errors %v; want the duplicate key", res.Errors)
			}
			if len(res.Files) != 1 || res.Files[0].Status != result.FileFailed {
				t.Errorf("files %+v; want the template failed", res.Files)
			}
		})
	}
}

// A template with a duplicated key is still a template: it is parsed with
// the --cfn-param values like any other.
func TestDuplicateKeyTemplateGetsTheParameters(t *testing.T) {
	dir := writeFiles(t, map[string]string{"sg.yaml": `Parameters:
  AdminCidr:
    Type: String
Resources:
  AdminSG:
    Type: Custom::Firewall
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: SSH for administrators
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
          Description: ssh
`})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002"},
		CFNParams: map[string]string{"AdminCidr": "0.0.0.0/0"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Location.StartLine != 14 {
		t.Fatalf("findings %+v; want AWS-SG-002 at line 14", res.Findings)
	}
	if len(res.Files) != 1 || res.Files[0].Status != result.FileFailed {
		t.Errorf("files %+v; want the template failed for its duplicate key", res.Files)
	}
}
