package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ERoot runs rampart from inside a root module of a repository whose
// shared module renders a template kept at the repository's top: the
// repository root is the boundary by default, --root and RAMPART_ROOT
// replace it, and a PATH outside --root is refused.
func TestE2ERoot(t *testing.T) {
	dir := fixture(t, map[string]string{
		"modules/x/main.tf": "variable \"name\" {\n  type = string\n}\n\nresource \"aws_cloudwatch_log_group\" \"b\" {\n" +
			"  name = templatefile(\"${path.module}/../../templates/x.tpl\", { name = var.name })\n}\n",
		"templates/x.tpl":  "bucket-${name}",
		"tests/x/main.tf":  "module \"x\" {\n  source = \"../../modules/x\"\n  name   = \"a\"\n}\n",
		"other/stack.yaml": cleanTemplate,
	})
	nested := filepath.Join(dir, "tests", "x")

	r := rampart(t, nested, nil, "scan", ".")
	r.wantCode(t, 0)

	tests := []struct {
		name   string
		env    []string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{name: "repository root", args: []string{"inspect", "."}, stdout: `"name": "bucket-a"`},
		{name: "--root narrower", args: []string{"inspect", ".", "--root", "."}, code: 2,
			stderr: "main.tf:2:12: Module source outside the repository root"},
		{name: "RAMPART_ROOT narrower", env: []string{"RAMPART_ROOT=../../modules"}, args: []string{"inspect", "../../modules/x"}, code: 2,
			stderr: "outside the repository root"},
		{name: "PATH outside --root", args: []string{"inspect", "../../other", "--root", "."}, code: 2,
			stderr: "is outside the boundary"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := rampart(t, nested, tc.env, tc.args...)
			r.wantCode(t, tc.code)
			if !strings.Contains(r.stdout, tc.stdout) || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stdout %q, stderr %q; want %q, %q", r.stdout, r.stderr, tc.stdout, tc.stderr)
			}
		})
	}
}
