package pathlist

import (
	"fmt"
	"slices"
	"testing"
)

func TestListGivesBackEveryPathAsAdded(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
	}{
		{"empty", nil},
		{"bare names", []string{"main.tf", "variables.tf", "main.tf"}},
		{"one directory", []string{"vpc/main.tf", "vpc/outputs.tf", "vpc/variables.tf"}},
		{"directories interleaved", []string{"a/main.tf", "a/b/main.tf", "a/b/c/x.tf", "a/z.tf", "a/b/main.tf"}},
		{"as the user wrote them", []string{"./a/main.tf", "../up/main.tf", "a//b/main.tf", "/abs/main.tf", "/main.tf", "a/"}},
		{"empty path and directory only", []string{"", "dir/", "", "dir/"}},
		{"same name, other directory", []string{"x/main.tf", "y/main.tf", "x/main.tf"}},
		{"unicode and spaces", []string{"módulos/ñ v1/main.tf", "módulos/ñ v1/é.tf"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			for _, p := range tt.paths {
				l.Add(p)
			}
			if l.Len() != len(tt.paths) {
				t.Fatalf("Len() = %d, want %d", l.Len(), len(tt.paths))
			}
			for i, want := range tt.paths {
				if got := l.At(i); got != want {
					t.Errorf("At(%d) = %q, want %q", i, got, want)
				}
			}
			if got := l.Slice(0, l.Len()); !slices.Equal(got, tt.paths) {
				t.Errorf("Slice(0, %d) = %q, want %q", l.Len(), got, tt.paths)
			}
		})
	}
}

func TestSliceOfARange(t *testing.T) {
	var l List
	for i := range 10 {
		l.Add(fmt.Sprintf("d%d/f%d.tf", i/3, i))
	}
	if got, want := l.Slice(4, 7), []string{"d1/f4.tf", "d1/f5.tf", "d2/f6.tf"}; !slices.Equal(got, want) {
		t.Errorf("Slice(4, 7) = %q, want %q", got, want)
	}
	if got := l.Slice(5, 5); got != nil {
		t.Errorf("Slice(5, 5) = %q, want nil", got)
	}
	var none *List
	if none.Len() != 0 {
		t.Errorf("nil list: Len() = %d", none.Len())
	}
}

// A directory's files and its names are kept once: what the list is for.
func TestListSharesDirectoriesAndNames(t *testing.T) {
	var l List
	for d := range 100 {
		for _, n := range []string{"main.tf", "variables.tf", "outputs.tf", "versions.tf"} {
			l.Add(fmt.Sprintf("copies/c%03d/terraform-aws-vpc/examples/complete/%s", d, n))
		}
	}
	if len(l.dirs) != 100 || len(l.names) != 4 {
		t.Errorf("kept %d directories and %d names, want 100 and 4", len(l.dirs), len(l.names))
	}
}
