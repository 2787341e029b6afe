package terraform

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

// TestRootLoaderMatchesLoadModules loads each root on its own and gets the
// units LoadModules gets loading them together: the same roots, the same
// resources, values and diagnostics (the scan-wide ones on the first root).
func TestRootLoaderMatchesLoadModules(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []VarArg
	}{
		{
			name: "two roots share a module",
			files: map[string]string{
				"mod/main.tf": "variable \"n\" {}\nresource \"aws_s3_bucket\" \"b\" { bucket = \"b-${var.n}\" }\n",
				"a/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"a\"\n}\n",
				"b/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = \"b\"\n}\n",
			},
		},
		{
			name: "an undeclared --var is reported once",
			files: map[string]string{
				"a/main.tf": "resource \"aws_s3_bucket\" \"b\" { bucket = \"a\" }\n",
				"b/main.tf": "resource \"aws_s3_bucket\" \"b\" { bucket = \"b\" }\n",
			},
			args: []VarArg{{Name: "nope", Value: "x"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			var dirs []string
			for _, d := range []string{"a", "b", "mod"} {
				if _, ok := tt.files[d+"/main.tf"]; ok {
					dirs = append(dirs, filepath.Join(dir, d))
				}
			}
			opts := Options{Args: tt.args, Root: dir}
			whole := LoadModules(context.Background(), dirs, opts)
			rl := NewRootLoader(dirs, opts)
			if len(rl.Roots()) != len(whole) {
				t.Fatalf("roots %v, want %d", rl.Roots(), len(whole))
			}
			for i, root := range rl.Roots() {
				got := rl.Load(context.Background(), root)
				if !reflect.DeepEqual(got, whole[i]) {
					t.Errorf("root %s: loaded alone %+v, together %+v", root, got, whole[i])
				}
			}
		})
	}
}

// TestFirstLoadsUseWhatFindingRootsKept: finding the roots keeps the
// modules it parsed until past maxCachedSource; the loads after it use
// them, and the loader is replaced only once the loads have added to it.
func TestFirstLoadsUseWhatFindingRootsKept(t *testing.T) {
	big := strings.Repeat("# a comment line that takes room in the source\n", maxCachedSource/40)
	dir := writeTree(t, map[string]string{
		"a/main.tf":   "module \"m\" {\n  source = \"../big\"\n}\n",
		"b/main.tf":   "module \"m\" {\n  source = \"../mod\"\n}\n",
		"big/main.tf": big + "resource \"aws_s3_bucket\" \"b\" {}\n",
		"mod/main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n",
	})
	var dirs []string
	for _, d := range []string{"a", "b", "big", "mod"} {
		dirs = append(dirs, filepath.Join(dir, d))
	}
	rl := NewRootLoader(dirs, Options{Root: dir})
	if want := dirs[:2]; !reflect.DeepEqual(rl.Roots(), want) {
		t.Fatalf("roots %v, want %v", rl.Roots(), want)
	}
	kept := rl.l
	bigConfig := kept.configs[dirs[2]]
	if bigConfig == nil || kept.keptBytes <= maxCachedSource {
		t.Fatalf("finding the roots kept %d bytes and big: %v; the test needs more than %d kept, big among them", kept.keptBytes, bigConfig != nil, maxCachedSource)
	}
	ctx := context.Background()
	if u := rl.Load(ctx, dirs[0]); len(u.Resources) != 1 {
		t.Fatalf("root a: %d resources, want 1", len(u.Resources))
	}
	if rl.l != kept || kept.configs[dirs[2]] != bigConfig {
		t.Fatal("the first load did not use the modules kept for it")
	}
	rl.Load(ctx, dirs[1]) // parses mod, which was not kept
	if rl.l != kept {
		t.Fatal("the second load replaced the loader before adding to it")
	}
	rl.Load(ctx, dirs[0])
	if rl.l == kept {
		t.Error("the loader was not replaced once the loads added past what was kept")
	}
}

// TestFindingRootsKeepsABoundedNumber: finding the roots parses every module
// directory of the scan and must not hold them all (the roots are then
// loaded root by root, each with its own modules).
func TestFindingRootsKeepsABoundedNumber(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"mod/main.tf": "resource \"aws_s3_bucket\" \"b\" {}\n",
		"a/main.tf":   "module \"m\" { source = \"../mod\" }\n",
		"b/main.tf":   "module \"m\" { source = \"../mod\" }\n",
	})
	l := newLoader(dir)
	l.keepAtMost = 2
	dirs := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "mod")}
	roots := findRoots(l, dirs)
	if want := dirs[:2]; !reflect.DeepEqual(roots, want) {
		t.Errorf("roots %v, want %v", roots, want)
	}
	if len(l.configs) != 2 {
		t.Errorf("the loader holds %d modules after finding the roots, want the first 2", len(l.configs))
	}
	if _, ok := l.configs[dirs[0]]; !ok {
		t.Errorf("the first directory read is not kept")
	}
}

// TestConcurrentLoadsMatchSerialLoads loads every root of the Terraform
// corpora of testdata (the differential configurations checked against
// terraform plan among them) one after the other, then all at once on
// one RootLoader, and gets the same units: the parsed modules, their
// cached facts and defaults are shared safely (go test -race), and each
// evaluation has a for-expression budget of its own.
func TestConcurrentLoadsMatchSerialLoads(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("..", "..", "testdata", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json")) {
			if dir := filepath.Dir(p); len(dirs) == 0 || dirs[len(dirs)-1] != dir {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	opts := Options{Root: base}
	serial := NewRootLoader(dirs, opts)
	want := map[string]*graph.Unit{}
	for _, root := range serial.Roots() {
		want[root] = serial.Load(context.Background(), root)
	}
	if len(want) < 100 {
		t.Fatalf("only %d roots in %s", len(want), base)
	}
	concurrent := NewRootLoader(dirs, opts)
	roots := concurrent.Roots()
	got := make([]*graph.Unit, len(roots))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(roots); i = int(next.Add(1) - 1) {
				got[i] = concurrent.Load(context.Background(), roots[i])
			}
		})
	}
	wg.Wait()
	for i, root := range roots {
		if !reflect.DeepEqual(got[i], want[root]) {
			t.Errorf("root %s: loaded concurrently %+v, alone %+v", root, got[i], want[root])
		}
	}
}

// TestConcurrentLoadsHaveTheirOwnBudget: a root that spends its
// for-expression budget does not spend another's loaded at the same time
// from the same parsed module.
func TestConcurrentLoadsHaveTheirOwnBudget(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"mod/main.tf": "variable \"n\" {}\n" +
			"locals {\n  xs = [for a in range(var.n) : [for b in range(var.n) : [for c in range(var.n) : 1]]]\n}\n" +
			"resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b-${length(local.xs)}\"\n}\n",
		"big/main.tf":   "module \"m\" {\n  source = \"../mod\"\n  n = 1000\n}\n",
		"small/main.tf": "module \"m\" {\n  source = \"../mod\"\n  n = 30\n}\n",
	})
	rl := NewRootLoader([]string{filepath.Join(dir, "big"), filepath.Join(dir, "small"), filepath.Join(dir, "mod")}, Options{Root: dir})
	alone := NewRootLoader([]string{filepath.Join(dir, "small"), filepath.Join(dir, "mod")}, Options{Root: dir}).
		Load(context.Background(), filepath.Join(dir, "small"))
	for range 5 {
		var big, small *graph.Unit
		var wg sync.WaitGroup
		wg.Go(func() { big = rl.Load(context.Background(), filepath.Join(dir, "big")) })
		wg.Go(func() { small = rl.Load(context.Background(), filepath.Join(dir, "small")) })
		wg.Wait()
		if !hasDiag(big, forbudget.Summary) {
			t.Fatalf("the big root did not run out of its budget: %v", big.Diagnostics)
		}
		if !reflect.DeepEqual(small, alone) {
			t.Fatalf("the small root, loaded with the big one: %v, alone: %v", small.Diagnostics, alone.Diagnostics)
		}
	}
}

func hasDiag(u *graph.Unit, summary string) bool {
	for _, d := range u.Diagnostics {
		if d.Summary == summary {
			return true
		}
	}
	return false
}
