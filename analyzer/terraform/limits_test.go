package terraform

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func TestInstanceBudgets(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		wantLine  int    // line of main.tf the one error is on
		wantFile  string // file of the error, main.tf when empty
		wantInErr string
		resources int
	}{{
		name:      "count over the per-block budget",
		files:     map[string]string{"main.tf": "resource \"terraform_data\" \"x\" {\n  count = 100000\n}\n"},
		wantLine:  2,
		wantInErr: "count creates 100000 instances; rampart evaluates at most 10000",
		resources: 1,
	}, {
		name:      "count beyond int64",
		files:     map[string]string{"main.tf": "resource \"terraform_data\" \"x\" {\n  count = 1e30\n}\n"},
		wantLine:  2,
		wantInErr: "count creates 1e+30 instances",
		resources: 1,
	}, {
		name: "for_each over the per-block budget",
		files: map[string]string{"main.tf": `locals {
  pairs = setproduct(range(101), range(100))
}
resource "terraform_data" "x" {
  for_each = { for p in local.pairs : "${p[0]}-${p[1]}" => p[1] }
}
`},
		wantLine:  5,
		wantInErr: "for_each creates 10100 instances",
		resources: 1,
	}, {
		name: "instances multiplied by module calls",
		files: map[string]string{
			"main.tf": "module \"m\" {\n  source = \"./m\"\n  count  = 3\n}\n",
			"m/main.tf": "resource \"terraform_data\" \"a\" {\n  count = 7000\n}\n" +
				"resource \"terraform_data\" \"b\" {\n  count = 7000\n}\n",
		},
		wantFile:  "m/main.tf",
		wantLine:  2,
		wantInErr: "bring the module's resource and module instances to 21003; rampart evaluates at most 20000",
		// 3 module instances, 7000 of a and of b in module.m[0]; a in
		// module.m[1] would go over, so it and every block after it
		// keep one representative instance.
		resources: 7000 + 7000 + 4,
	}, {
		name:      "count not whole",
		files:     map[string]string{"main.tf": "resource \"terraform_data\" \"x\" {\n  count = 1.5\n}\n"},
		wantLine:  2,
		wantInErr: "count must be a whole number, got 1.5",
		resources: 1,
	}, {
		name:      "count negative",
		files:     map[string]string{"main.tf": "resource \"terraform_data\" \"x\" {\n  count = -1\n}\n"},
		wantLine:  2,
		wantInErr: "count must be greater than or equal to zero, got -1",
		resources: 1,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			u := loadFiles(t, tt.files)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("load took %v", d)
			}
			var errs []graph.Diagnostic
			for _, d := range u.Diagnostics {
				if d.Severity == graph.SeverityError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			wantFile := tt.wantFile
			if wantFile == "" {
				wantFile = "main.tf"
			}
			d := errs[0]
			if !strings.HasSuffix(filepath.ToSlash(d.Location.File), "/"+wantFile) || d.Location.StartLine != tt.wantLine {
				t.Errorf("error at %s:%d, want %s:%d", d.Location.File, d.Location.StartLine, wantFile, tt.wantLine)
			}
			if !strings.Contains(d.Detail, tt.wantInErr) {
				t.Errorf("error detail %q does not contain %q", d.Detail, tt.wantInErr)
			}
			if len(u.Resources) != tt.resources {
				t.Errorf("got %d resources, want %d", len(u.Resources), tt.resources)
			}
		})
	}
}

// A for_each over a set matches each element to its source position by
// value; that matching once searched the whole set for every element,
// which made 20,000 keys take over a minute.
func TestForEachSetIsLinear(t *testing.T) {
	const n = 6000
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%q", fmt.Sprintf("k%d", i))
	}
	src := fmt.Sprintf(`variable "names" {
  type    = set(string)
  default = [%s]
}
resource "terraform_data" "x" {
  for_each = var.names
  input    = each.value
}
`, strings.Join(keys, ", "))
	start := time.Now()
	u := loadFiles(t, map[string]string{"main.tf": src})
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("%d keys took %v", n, d)
	}
	if len(u.Resources) != n {
		t.Fatalf("got %d resources, want %d", len(u.Resources), n)
	}
	r := u.Resources[n-1]
	in := r.Attrs.Get("input")
	if in == nil || !tracesLine(in, 3) {
		t.Errorf("%s input %#v: want a trace through its source position, line 3", r.ID, in)
	}
}

func tracesLine(v *graph.Value, line int) bool {
	for _, h := range v.Trace {
		if h.Location.StartLine == line {
			return true
		}
	}
	return false
}
