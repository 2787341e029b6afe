package config

import (
	"strings"
	"testing"
)

// FuzzParse checks that no configuration text makes Parse panic, and that an
// error always names the file.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"", "format: json\n", "fail_on: HIGH\nrules: [A, B]\n",
		"ignore:\n  - id: A\n    until: 2027-01-01\n", "rule_config: {a: [1, {b: c}]}\n",
		"vars: {a: 1}\n", "&a [*a]\n", "- x\n", "format: !!binary aGk=\n", "{",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse("fuzz.yaml", []byte(src))
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.yaml") {
			t.Errorf("error %q does not start with the file name", err)
		}
	})
}
