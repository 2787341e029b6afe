package analyzer

import (
	"context"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The normalizers' diagnostics reach the report as the front-ends' do,
// located where the user can act: an attachment whose owner is outside the
// scan is a note at the attribute that names the owner.
func TestNormalizerDiagnosticsAreReported(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `variable "group" {
  type = string
}

resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = var.group
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
  description       = "https"
}
`})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-001"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []graph.Diagnostic
	for _, d := range res.Warnings {
		if strings.Contains(d.Summary, "is not folded into a resource of the scan") {
			got = append(got, d)
		}
	}
	if len(got) != 1 {
		t.Fatalf("warnings = %+v, want one note about the rule's group", res.Warnings)
	}
	d := got[0]
	if d.Severity != graph.SeverityNote || d.Resource != "aws_security_group_rule.https" ||
		!strings.HasSuffix(d.Location.File, "main.tf") || d.Location.StartLine != 7 {
		t.Errorf("diagnostic = %+v, want a note for aws_security_group_rule.https at main.tf:7", d)
	}
}
