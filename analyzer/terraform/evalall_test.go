package terraform

import (
	"context"
	"os"
	"path/filepath"
	"slices"
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
			rl, _ := loadRootsAB(t, dir, tt.errs)
			rc := rl.l.config(filepath.Join(dir, "mod")).byAddr["aws_s3_bucket.b"]
			if got := rc.validated.Load(); got != tt.shared {
				t.Errorf("validated for every root: %v, want %v", got, tt.shared)
			}
		})
	}
}

// loadRootsAB loads the module directories of dir, whose roots must be a
// and b, one after the other on one RootLoader, and checks that each
// reports the errors errs.
func loadRootsAB(t *testing.T, dir, errs string) (*RootLoader, []*graph.Unit) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		dirs = append(dirs, filepath.Join(dir, e.Name()))
	}
	rl := NewRootLoader(dirs, Options{Root: dir})
	if got := rl.Roots(); len(got) != 2 || filepath.Base(got[0]) != "a" || filepath.Base(got[1]) != "b" {
		t.Fatalf("roots %v, want a and b", got)
	}
	var units []*graph.Unit
	for _, root := range rl.Roots() {
		u := rl.Load(context.Background(), root)
		if got := errorSummaries(u.Diagnostics); got != errs {
			t.Errorf("root %s: errors %q, want %q", filepath.Base(root), got, errs)
		}
		units = append(units, u)
	}
	return rl, units
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

// TestStandInValidationIsSharedByRoots: roots that call a shared module
// with count = 0 validate it once when it holds no error; every root still
// reads its files, reports an error in its own arguments, and finds a
// cycle below it, which checkCycles needs its module paths for.
func TestStandInValidationIsSharedByRoots(t *testing.T) {
	inner := "resource \"aws_s3_bucket\" \"x\" { bucket = aws_s3_bucket.y.id }\nresource \"aws_s3_bucket\" \"y\" { bucket = aws_s3_bucket.x.id }\n"
	tests := []struct {
		name string
		// arg is the argument each root's call gives, and mod the shared
		// module's output.
		arg, mod string
		// errs are the error summaries each root must report.
		errs string
		// shared is whether the module ends up validated for every root.
		shared bool
	}{
		{name: "a module without error", arg: `"x"`, mod: `var.n`, shared: true},
		{name: "a branch a value would choose", arg: `"a"`, mod: `var.n == "a" ? length("a", "b") : 0`, shared: true},
		{name: "an undeclared reference in the module", arg: `"x"`, mod: `local.nope`, errs: "Reference to undeclared local value"},
		{name: "an error in the argument", arg: `upper("a", "b")`, mod: `var.n`, errs: "Too many function arguments", shared: true},
		{name: "a cycle below the module", arg: `"x"`, mod: `module.inner`, errs: "Cycle in references", shared: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			call := "module \"m\" {\n  count  = 0\n  source = \"../mod\"\n  n      = " + tt.arg + "\n}\n"
			files := map[string]string{
				"inner/main.tf": "resource \"aws_s3_bucket\" \"x\" { bucket = \"x\" }\n",
				"mod/main.tf":   "variable \"n\" {}\nmodule \"inner\" { source = \"../inner\" }\noutput \"o\" { value = " + tt.mod + " }\n",
				"a/main.tf":     call,
				"b/main.tf":     call,
			}
			if tt.mod == "module.inner" {
				files["inner/main.tf"] = inner
			}
			dir := writeTree(t, files)
			rl, units := loadRootsAB(t, dir, tt.errs)
			for _, u := range units {
				if !slices.Contains(u.Files, filepath.Join(dir, "inner", "main.tf")) {
					t.Errorf("root %s read %v, not the module below the one it calls", filepath.Base(u.Path), u.Files)
				}
			}
			mod := rl.l.config(filepath.Join(dir, "mod"))
			if got := mod.validated.Load(); got != tt.shared {
				t.Errorf("module validated for every root: %v, want %v", got, tt.shared)
			}
		})
	}
}

// TestWholeNamesAreInstanceNames: the names of a resource used as a whole,
// kept once per evaluation, are those instanceNames computes, and an
// expression reading a name outside them is not served from them.
func TestWholeNamesAreInstanceNames(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": "resource \"aws_s3_bucket\" \"b\" { bucket = \"b\" }\n" +
			"output \"whole\" { value = aws_s3_bucket.b }\n" +
			"output \"arn\" { value = aws_s3_bucket.b.arn }\n",
	})
	unit, root := evalRoot(context.Background(), newLoader(dir), dir, Options{Root: dir})
	if root == nil || unit.Diagnostics.HasErrors() {
		t.Fatalf("evaluation failed: %v", unit.Diagnostics)
	}
	rc := root.cfg.byAddr["aws_s3_bucket.b"]
	// Its argument and every name the configuration reads.
	want := []string{"arn", "b", "bucket"}
	for _, attrs := range []map[string]bool{nil, {"arn": true}} {
		names, open, w := root.attributeNames(rc, attrs, true)
		if w == nil || !open || !slices.Equal(names, want) || !slices.Equal(w.names, want) || w.key != "aws_s3_bucket.b|*whole" {
			t.Errorf("attrs %v: whole names %v, %+v, want %v", attrs, names, w, want)
		}
	}
	// The object read attribute by attribute, closed, is another object
	// even when it has the same names.
	if key, _, _ := root.objectKey(rc, map[string]bool{"arn": true, "b": true, "bucket": true}, false); key == root.ev.wholeSet(rc).key {
		t.Errorf("the closed object of the whole set's names has the whole object's key %q", key)
	}
	if _, _, w := root.attributeNames(rc, map[string]bool{"nowhere": true}, true); w != nil {
		t.Errorf("a name outside the vocabulary was served from it: %+v", w)
	}
	if names, open := root.instanceNames(rc, map[string]bool{"nowhere": true}, true); !open || !slices.Contains(names, "nowhere") {
		t.Errorf("instanceNames with a name outside the vocabulary: %v, %v", names, open)
	}
}

// TestArgumentErrorReadEarlyIsReportedByEveryRoot: an error in the
// argument of a module below a stand-in, met when the stand-in reads that
// module's output (before the module itself is validated), is reported by
// every root, not only by the first.
func TestArgumentErrorReadEarlyIsReportedByEveryRoot(t *testing.T) {
	call := "module \"m\" {\n  count  = 0\n  source = \"../mod\"\n}\n"
	dir := writeTree(t, map[string]string{
		"inner/main.tf": "variable \"n\" {}\noutput \"out\" { value = var.n }\n",
		"mod/main.tf":   "module \"inner\" {\n  source = \"../inner\"\n  n      = upper(\"a\", \"b\")\n}\noutput \"o\" { value = module.inner.out }\n",
		"a/main.tf":     call,
		"b/main.tf":     call,
	})
	rl, _ := loadRootsAB(t, dir, "Too many function arguments")
	if rl.l.config(filepath.Join(dir, "mod")).calls[0].validated.Load() {
		t.Error("the call whose argument gave an error is marked validated")
	}
}
