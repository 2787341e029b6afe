package report

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// openToTheWorld is one ingress rule open on every port from 0.0.0.0/0, as
// the independent rules report it: AWS-SG-001, AWS-SG-002 and AWS-SG-003
// each at the CIDR's line, and an unrelated finding elsewhere in the file.
func openToTheWorld() *result.Result {
	sg := result.ResourceRef{ID: "aws_security_group.web", Type: "aws_security_group"}
	at := locAt("main.tf", 12, 12)
	return &result.Result{
		Resources: 1,
		Findings: []result.Finding{
			{RuleID: "AWS-SG-003", RuleName: "sg-no-public-db-ports", Severity: result.SeverityHigh, Resource: sg, Location: at, Message: "exposes database ports"},
			{RuleID: "AWS-SG-005", RuleName: "sg-no-port-ranges", Severity: result.SeverityLow, Resource: sg, Location: locAt("main.tf", 20, 20), Message: "opens a range"},
			{RuleID: "AWS-SG-001", RuleName: "sg-no-public-ingress-all-ports", Severity: result.SeverityCritical, Resource: sg, Location: at, Message: "allows all traffic"},
			{RuleID: "AWS-SG-002", RuleName: "sg-no-public-admin-ports", Severity: result.SeverityCritical, Resource: sg, Location: at, Message: "exposes admin ports"},
		},
	}
}

// TestOneRuleReadsAsOneBlock checks that the findings several independent
// rules report at one location are listed together, worst first, in the
// text report (one source excerpt for the block) and in the markdown
// report (the line and resource written once).
func TestOneRuleReadsAsOneBlock(t *testing.T) {
	text := string(render(t, "text", Options{ReadFile: func(string) ([]byte, error) { return nil, fs.ErrNotExist }}, openToTheWorld()))
	order := []string{"main.tf:12  CRITICAL  AWS-SG-001", "main.tf:12  CRITICAL  AWS-SG-002", "main.tf:12  HIGH  AWS-SG-003", "main.tf:20  LOW  AWS-SG-005"}
	last := -1
	for _, want := range order {
		i := strings.Index(text, want)
		if i < last {
			t.Fatalf("text report: %q missing or out of order:\n%s", want, text)
		}
		last = i
	}

	md := string(render(t, "markdown", Options{}, openToTheWorld()))
	wantRows := []string{
		"| [12](main.tf#L12) | CRITICAL | AWS-SG-001 sg-no-public-ingress-all-ports | `aws_security_group.web` | allows all traffic |",
		"|  | CRITICAL | AWS-SG-002 sg-no-public-admin-ports |  | exposes admin ports |",
		"|  | HIGH | AWS-SG-003 sg-no-public-db-ports |  | exposes database ports |",
		"| [20](main.tf#L20) | LOW | AWS-SG-005 sg-no-port-ranges | `aws_security_group.web` | opens a range |",
	}
	if !strings.Contains(md, strings.Join(wantRows, "\n")) {
		t.Errorf("markdown report does not list the block together:\n%s", md)
	}
}
