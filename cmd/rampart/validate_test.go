package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestSettingsValidatedAlike gives the same bad value through a flag, an
// environment variable and the configuration file: each is refused with
// exit 2 and a message naming where it came from.
func TestSettingsValidatedAlike(t *testing.T) {
	type layer struct {
		name   string
		args   []string
		env    []string
		file   string
		source string
	}
	tests := []struct {
		name   string
		layers []layer
		// err, when set, is what the scan returns (the engine's verdict on
		// rule and profile names).
		err  error
		want string
	}{
		{
			name: "exclude pattern",
			layers: []layer{
				{"flag", []string{"--exclude", "["}, nil, "", "--exclude"},
				{"environment", nil, []string{"RAMPART_EXCLUDE=["}, "", "RAMPART_EXCLUDE"},
				{"file", nil, nil, "exclude:\n  - \"[\"\n", ".rampart.yaml:1"},
			},
			want: `exclude pattern "[": syntax error in pattern`,
		},
		{
			name: "unterminated alternatives",
			layers: []layer{
				{"flag", []string{"--exclude", "{a,b"}, nil, "", "--exclude"},
				{"environment", nil, []string{"RAMPART_EXCLUDE={a,b"}, "", "RAMPART_EXCLUDE"},
				{"file", nil, nil, "exclude: [\"{a,b\"]\n", ".rampart.yaml:1"},
			},
			want: "syntax error in pattern",
		},
		{
			name: "rule ID",
			layers: []layer{
				{"flag", []string{"--rule", "AWS-SG-02"}, nil, "", "--rule"},
				{"environment", nil, []string{"RAMPART_RULE=AWS-SG-02"}, "", "RAMPART_RULE"},
				{"file", nil, nil, "rules: [AWS-SG-02]\n", ".rampart.yaml:1"},
			},
			err:  &engine.SelectionError{Setting: "rules", Name: "AWS-SG-02", Suggestion: "AWS-SG-002"},
			want: "did you mean AWS-SG-002?",
		},
		{
			name: "profile",
			layers: []layer{
				{"flag", []string{"--profile", "cis"}, nil, "", "--profile"},
				{"environment", nil, []string{"RAMPART_PROFILE=cis"}, "", "RAMPART_PROFILE"},
				{"file", nil, nil, "profiles: [cis]\n", ".rampart.yaml:1"},
			},
			err:  &engine.SelectionError{Setting: "profiles", Name: "cis", Suggestion: "cis-aws"},
			want: "did you mean cis-aws?",
		},
	}
	for _, tt := range tests {
		for _, l := range tt.layers {
			t.Run(tt.name+"/"+l.name, func(t *testing.T) {
				dir := t.TempDir()
				if l.file != "" {
					if err := os.WriteFile(filepath.Join(dir, ".rampart.yaml"), []byte(l.file), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				fa := &fakeAnalyzer{res: &result.Result{Files: scanned("main.tf")}, err: tt.err}
				o := runIn(t, dir, fa, l.env, false, append([]string{"scan"}, l.args...)...)
				if o.code != exitUntrusted {
					t.Fatalf("exit %d, want 2; stderr:\n%s", o.code, o.stderr)
				}
				first, _, _ := strings.Cut(o.stderr, "\n")
				if !strings.Contains(first, tt.want) || !strings.Contains(first, l.source) {
					t.Errorf("stderr = %q, want %q from %s", first, tt.want, l.source)
				}
			})
		}
	}
}
