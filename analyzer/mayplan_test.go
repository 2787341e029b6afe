package analyzer

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/terraform/plan"
)

// TestMayBePlan checks the cheap test before plan.IsPlan: it passes every
// text IsPlan accepts (escaped keys, a byte order mark, any key order) and
// spares the tokenizing of JSON that cannot be a plan.
func TestMayBePlan(t *testing.T) {
	cases := []struct {
		name   string
		src    string
		mayBe  bool
		isPlan bool
	}{
		{"plan", `{"format_version":"1.2","planned_values":{}}`, true, true},
		{"plan, keys the other way round", `{"planned_values":{}, "format_version":"1.2"}`, true, true},
		{"plan with a byte order mark", "\xef\xbb\xbf{\"format_version\":\"1.2\",\"planned_values\":{}}", true, true},
		{"plan with an escaped key", `{"format_version":"1.2","planned\u005fvalues":{}}`, true, true},
		{"plan with every key escaped", `{"\u0066ormat_version":"1.2","\u0070lanned_values":{}}`, true, true},
		{"keys inside a value", `{"a":{"format_version":"1","planned_values":{}}}`, true, false},
		{"package.json", `{"name":"x","version":"1.0.0","dependencies":{"a":"^1"}}`, false, false},
		{"one key only", `{"format_version":"1.2","resource_changes":[]}`, false, false},
		{"escapes in values", `{"pattern":"\\d+","text":"a\nb\t\"c\"\/"}`, false, false},
		{"a \\u escape in a value", `{"a":"\u00e9"}`, true, false},
		{"an escaped backslash before u", `{"path":"C:\\users"}`, true, false},
		{"YAML", "format_version: 1\nplanned_values: {}\n", true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			if got := plan.IsPlan(src); got != tc.isPlan {
				t.Fatalf("plan.IsPlan = %v, want %v", got, tc.isPlan)
			}
			if got := mayBePlan(src); got != tc.mayBe {
				t.Errorf("mayBePlan = %v, want %v", got, tc.mayBe)
			}
		})
	}
}
