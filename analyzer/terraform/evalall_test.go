package terraform

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestValidationIsSharedByRoots: roots that share a parsed module
// validate a body without instances once when it holds no error, and each
// report an error it holds, whatever their values.
func TestValidationIsSharedByRoots(t *testing.T) {
	tests := []struct {
		name string
		// body is the argument of the module's resource that has no
		// instance.
		body string
		// errs is the error summary each root must report, or "".
		errs string
		// shared is whether the body ends up validated for every root.
		shared bool
	}{
		{name: "a body without error", body: `bucket = "b-${var.n}"`, shared: true},
		{name: "an error in the branch a value chooses is not checked", body: `bucket = var.n == "a" ? length("a", "b") : "x"`, shared: true},
		{name: "an undeclared reference", body: `bucket = local.nope`, errs: "Reference to undeclared local value"},
		{name: "a wrong number of arguments in a constant", body: `bucket = length("a", "b")`, errs: "Too many function arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{
				"mod/main.tf": "variable \"n\" {}\nresource \"aws_s3_bucket\" \"b\" {\n  count = 0\n  " + tt.body + "\n}\n",
				"a/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"a\"\n}\n",
				"b/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"b\"\n}\n",
			})
			dirs := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "mod")}
			rl := NewRootLoader(dirs, Options{Root: dir})
			if len(rl.Roots()) != 2 {
				t.Fatalf("roots %v, want a and b", rl.Roots())
			}
			for _, root := range rl.Roots() {
				u := rl.Load(context.Background(), root)
				if got := errorSummaries(u.Diagnostics); got != tt.errs {
					t.Errorf("root %s: errors %q, want %q", filepath.Base(root), got, tt.errs)
				}
			}
			rc := rl.l.config(filepath.Join(dir, "mod")).byAddr["aws_s3_bucket.b"]
			if got := rc.validated.Load(); got != tt.shared {
				t.Errorf("validated for every root: %v, want %v", got, tt.shared)
			}
		})
	}
}

func errorSummaries(diags graph.Diagnostics) string {
	var out []string
	for _, d := range diags {
		if d.Severity == graph.SeverityError {
			out = append(out, d.Summary)
		}
	}
	return strings.Join(out, "; ")
}
