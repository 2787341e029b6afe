package cloudformation

import "testing"

func TestAllowedPattern(t *testing.T) {
	tests := []struct {
		pattern, value string
		checked, match bool
	}{
		{`[a-z]+`, "prod", true, true},
		{`[a-z]+`, "prod1", true, false}, // whole-value match, as Java's matches()
		{`(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/(\d{1,2})`, "10.0.0.0/8", true, true},
		{`[]a]+`, "]a", true, true}, // a leading ] is a class member in both dialects
		{`\[x\]`, "[x]", true, true},
		{`^(?!admin).*$`, "", false, false},
		{`[[:alpha:]]+`, "", false, false},
		{`\p{Alpha}+`, "", false, false},
		{`a++`, "", false, false},
		{`[a-z&&[^aeiou]]`, "", false, false},
		{`[a[bc]]`, "", false, false},
		{`(unclosed`, "", false, false},
	}
	for _, tt := range tests {
		re := allowedPattern(tt.pattern)
		if (re != nil) != tt.checked {
			t.Errorf("%q: checked = %v, want %v", tt.pattern, re != nil, tt.checked)
			continue
		}
		if re != nil && re.MatchString(tt.value) != tt.match {
			t.Errorf("%q on %q: match = %v, want %v", tt.pattern, tt.value, !tt.match, tt.match)
		}
	}
}
