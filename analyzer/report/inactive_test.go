package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestInactiveShown: a rule that does not run with the configuration says
// why in every listing and in explain.
func TestInactiveShown(t *testing.T) {
	r := result.Rule{ID: "AWS-TAG-001", Name: "required-tags", Severity: result.SeverityLow,
		Title: "Resource lacks required tags", Inactive: "inactive while required_tags is empty", Builtin: true}
	const note = "inactive while required_tags is empty"
	for _, format := range []string{"text", "json", "markdown"} {
		var b bytes.Buffer
		if err := WriteRules(&b, []result.Rule{r}, format); err != nil {
			t.Fatal(err)
		}
		if got := strings.NewReplacer(`\`, "").Replace(b.String()); !strings.Contains(got, note) {
			t.Errorf("rules --format %s does not say %q:\n%s", format, note, b.String())
		}
	}
	var explain bytes.Buffer
	if err := WriteExplain(&explain, r); err != nil {
		t.Fatal(err)
	}
	if want := "Status: " + note; !strings.Contains(explain.String(), want) {
		t.Errorf("explain does not say %q:\n%s", want, explain.String())
	}
	active := r
	active.Inactive = ""
	var b bytes.Buffer
	if err := WriteRules(&b, []result.Rule{active}, "text"); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "inactive") {
		t.Errorf("an active rule lists as inactive:\n%s", b.String())
	}
}
