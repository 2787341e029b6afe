package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestUnknownRulesAndProfilesSuggestTheNearest(t *testing.T) {
	dir := t.TempDir()
	writePolicy(t, dir, "profiled.rego", strings.Replace(userRule("USER-010", "rampart.rules.profiled", "deny contains 1 if false"),
		"#   kinds:", "#   profile: account-baseline\n#   kinds:", 1))
	tests := []struct {
		name    string
		opts    Options
		setting string
		// suggestion is the "did you mean" ("" for none).
		suggestion string
		wantText   string
	}{
		{"a digit short", Options{Rules: []string{"AWS-SG-02"}}, "rules", "AWS-SG-002", "did you mean AWS-SG-002?"},
		{"lower case", Options{Rules: []string{"aws-sg-0002"}}, "rules", "AWS-SG-002", "did you mean AWS-SG-002?"},
		{"a rule name", Options{SkipRules: []string{"sg-no-public-admin-port"}}, "skip_rules", "sg-no-public-admin-ports", "did you mean sg-no-public-admin-ports?"},
		{"nothing close", Options{Rules: []string{"S3-BUCKET-ENCRYPTION"}}, "rules", "", "see `rampart rules`"},
		{"a misspelled profile", Options{PolicyDirs: []string{dir}, Profiles: []string{"account-baseline", "acount-baseline"}}, "profiles", "account-baseline", "did you mean account-baseline?"},
		{"an unknown profile lists the built-in ones", Options{Profiles: []string{"cis"}}, "profiles", "", "(profiles: account-baseline)"},
		{"an unknown profile lists the known", Options{PolicyDirs: []string{dir}, Profiles: []string{"pci"}}, "profiles", "", "(profiles: account-baseline)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(context.Background(), tt.opts)
			var se *SelectionError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SelectionError", err)
			}
			if se.Setting != tt.setting || se.Suggestion != tt.suggestion || !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("err = %q (setting %s, suggestion %q); want setting %s, suggestion %q, text %q",
					err, se.Setting, se.Suggestion, tt.setting, tt.suggestion, tt.wantText)
			}
		})
	}
	if msg := (&SelectionError{Setting: "profiles", Name: "cis"}).Error(); !strings.Contains(msg, "no loaded rule belongs to a profile") {
		t.Errorf("with no profile loaded: %q", msg)
	}
	if _, err := New(context.Background(), Options{PolicyDirs: []string{dir}, Profiles: []string{"Account-Baseline"}}); err != nil {
		t.Errorf("a known profile in another case: %v", err)
	}
}
