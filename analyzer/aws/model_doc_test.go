package aws

import (
	"os"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestModelDocumented keeps docs/model.md in sync with the normalizers:
// every canonical kind has a section, and every property a normalizer
// writes (rule properties included) is named in it.
func TestModelDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/model.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	resources := []*graph.Resource{
		res(cfn, "AWS::EC2::SecurityGroup", "SG", 1, map[string]any{
			"SecurityGroupIngress": []any{map[string]any{"IpProtocol": "tcp", "FromPort": 1, "ToPort": 1, "CidrIp": "10.0.0.0/8"}},
		}),
		res(cfn, "AWS::EC2::Instance", "I", 20, map[string]any{}),
		res(cfn, "AWS::EC2::LaunchTemplate", "LT", 30, map[string]any{}),
		res(cfn, "AWS::EC2::NetworkInterface", "ENI", 40, map[string]any{}),
	}
	seen := map[string]bool{}
	for _, c := range normalized(&graph.Unit{Path: "u", Resources: resources}) {
		seen[c.Kind] = true
		if !strings.Contains(text, c.Kind) {
			t.Errorf("docs/model.md does not document kind %s", c.Kind)
		}
		c.Props.Walk(func(path graph.Path, v *graph.Value) bool {
			if len(path) == 0 {
				return true
			}
			if key, ok := path[len(path)-1].(string); ok && len(path) <= 3 {
				if !strings.Contains(text, "`"+key+"`") {
					t.Errorf("docs/model.md does not name property %s of %s", path, c.Kind)
				}
			}
			return len(path) < 3
		})
	}
	for _, k := range Kinds() {
		if !seen[k] {
			t.Errorf("kind %s was not exercised by this test", k)
		}
	}
}
