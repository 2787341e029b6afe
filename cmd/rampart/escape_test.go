package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestEscapingWriter(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		keepLines bool
		want      string
	}{
		{"plain message", "rampart: error: x\n", false, "rampart: error: x\n"},
		{"terminal control", "rampart: cannot read \x1b[2J\x1b]0;t\a\n", false, `rampart: cannot read \x1b[2J\x1b]0;t\x07` + "\n"},
		{"carriage return and bidi", "a\rb\u202ec\n", false, `a\x0db\u202ec` + "\n"},
		{"forged line is indented", "rampart: x\nrampart: all good\n", false, "rampart: x\n  rampart: all good\n"},
		{"indented lines stay", "errors:\n\tone\n  two\n", false, "errors:\n\tone\n  two\n"},
		{"kept lines are still escaped", "FAIL x\nprint \x1b[31m\n", true, "FAIL x\nprint \\x1b[31m\n"},
		{"invalid UTF-8", "bad \xff\n", false, `bad \xff` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			n, err := escapingWriter{w: &b, keepLines: tt.keepLines}.Write([]byte(tt.in))
			if err != nil || n != len(tt.in) {
				t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(tt.in))
			}
			if b.String() != tt.want {
				t.Errorf("wrote %q, want %q", b.String(), tt.want)
			}
		})
	}
}

// TestMessagesAreEscaped runs commands whose messages quote what a caller or
// a repository controls: no control character reaches stderr or stdout.
func TestMessagesAreEscaped(t *testing.T) {
	const evil = "\x1b[2J\x1b]0;pwned\a"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".rampart.yaml"), []byte("fail_on: \"HIGH\\e[2J\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		env  []string
		args []string
	}{
		{"scan path", nil, []string{"scan", "missing" + evil}},
		{"flag value", nil, []string{"scan", "--fail-on", "HIGH" + evil}},
		{"unknown flag", nil, []string{"scan", "--x" + evil}},
		{"unknown command", nil, []string{"scan" + evil}},
		{"environment variable name", []string{"RAMPART_X" + evil + "=1"}, []string{"scan", "--rule", "AWS-SG-002"}},
		{"environment variable value", []string{"RAMPART_FAIL_ON=" + evil}, []string{"scan"}},
		{"configuration value", nil, []string{"scan", "."}},
		{"config path", nil, []string{"scan", "--config", "c" + evil + ".yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := &fakeAnalyzer{res: &result.Result{Files: scanned("main.tf")}}
			o := runIn(t, dir, fa, tt.env, true, tt.args...)
			for stream, text := range map[string]string{"stdout": o.stdout, "stderr": o.stderr} {
				if i := strings.IndexFunc(text, func(c rune) bool { return c < 0x20 && c != '\n' && c != '\t' || c == 0x7f }); i >= 0 {
					t.Errorf("%s holds %q unescaped:\n%q", stream, text[i], text)
				}
			}
			if o.code == 0 && tt.name != "environment variable name" {
				t.Errorf("exit 0; stderr:\n%s", o.stderr)
			}
		})
	}
}
