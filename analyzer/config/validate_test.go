package config

import (
	"strings"
	"testing"
)

func TestLayerValidate(t *testing.T) {
	tests := []struct {
		name    string
		exclude []string
		want    string // "" for valid
	}{
		{"globs discovery accepts", []string{"**/test/**", "vendor/", "*.{yaml,yml}", "a/[bc]/d"}, ""},
		{"unclosed class", []string{"ok/**", "["}, `RAMPART_EXCLUDE: exclude pattern "[": syntax error in pattern`},
		{"unclosed alternatives", []string{"{a,b"}, "syntax error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Layer{Name: "environment", Exclude: tt.exclude, Sources: map[string]string{"exclude": "RAMPART_EXCLUDE"}}
			err := l.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestEnvAndFileRefuseWhatFlagsRefuse(t *testing.T) {
	if _, err := EnvLayer([]string{"RAMPART_EXCLUDE=["}); err == nil || !strings.Contains(err.Error(), "RAMPART_EXCLUDE") {
		t.Errorf("EnvLayer: err = %v", err)
	}
	if _, err := Parse("/r/.rampart.yaml", []byte("exclude: [\"{a\"]\n")); err == nil || !strings.Contains(err.Error(), "/r/.rampart.yaml:1") {
		t.Errorf("Parse: err = %v", err)
	}
}
