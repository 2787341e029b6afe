package terraform

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
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

// TestFindingRootsKeepsABoundedNumber: finding the roots parses every module
// directory of the scan and must not hold them all (the roots are then
// loaded one at a time, each with its own modules).
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
