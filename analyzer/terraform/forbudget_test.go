package terraform

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

// literalRange is the HCL list [0, 1, ..., n-1], for loops where no
// function may be called (tfvars files, variable defaults).
func literalRange(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprint(i)
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// Nested for expressions multiply inside hcl, before any budget on
// functions or finished values sees them; each way of writing one must
// stop at the iteration budget with an error at the loop.
func TestForIterationBudget(t *testing.T) {
	lit := literalRange(400) // 400 x 400 iterations are over the budget
	tests := []struct {
		name     string
		files    map[string]string
		wantFile string
		wantLine int
	}{{
		name:     "nested for over function calls",
		files:    map[string]string{"main.tf": "locals {\n  x = [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : 1]]]\n}\n"},
		wantFile: "main.tf", wantLine: 2,
	}, {
		name:     "nested for over a local, no call inside",
		files:    map[string]string{"main.tf": "locals {\n  r = range(1000)\n  x = [for a in local.r : [for b in local.r : [for c in local.r : 1]]]\n}\n"},
		wantFile: "main.tf", wantLine: 3,
	}, {
		name: "object for with conditions",
		files: map[string]string{"main.tf": "locals {\n  r = range(1000)\n" +
			"  x = { for a in local.r : a => [for b in local.r : b if b >= 0] if a >= 0 }\n}\n"},
		wantFile: "main.tf", wantLine: 3,
	}, {
		name:     "template for directives",
		files:    map[string]string{"main.tf": "locals {\n  r = range(1000)\n  s = \"%{for a in local.r}%{for b in local.r}%{for c in local.r}x%{endfor}%{endfor}%{endfor}\"\n}\n"},
		wantFile: "main.tf", wantLine: 3,
	}, {
		name: "for in a .tf.json string",
		files: map[string]string{"main.tf.json": `{"locals": {"r": "${range(1000)}",
"x": "${[for a in local.r : [for b in local.r : [for c in local.r : 1]]]}"}}`},
		wantFile: "main.tf.json", wantLine: 2,
	}, {
		name: "for in a .tf.json object beside an invalid template",
		files: map[string]string{"main.tf.json": `{"locals": {"r": "${range(1000)}", "x": {"${": 1,
"y": "${[for a in local.r : [for b in local.r : [for c in local.r : 1]]]}"}}}`},
		wantFile: "main.tf.json", wantLine: 2,
	}, {
		name: "template file rendered by templatefile",
		files: map[string]string{
			"main.tf": "locals {\n  s = templatefile(\"${path.module}/t.tpl\", { r = range(1000) })\n}\n",
			"t.tpl":   "%{for a in r}\n%{for b in r}%{for c in r}x%{endfor}%{endfor}\n%{endfor}\n",
		},
		wantFile: "t.tpl", wantLine: 2,
	}, {
		name:     "error caught by try",
		files:    map[string]string{"main.tf": "locals {\n  x = try([for a in range(1000) : [for b in range(1000) : 1]], [])\n}\n"},
		wantFile: "main.tf", wantLine: 2,
	}, {
		name: "each iteration building a large collection",
		files: map[string]string{"main.tf": "locals {\n" +
			"  x = [for a in range(1000) : setproduct(range(300), range(300))]\n}\n"},
		wantFile: "main.tf", wantLine: 2,
	}, {
		name: "tfvars value",
		files: map[string]string{
			"main.tf":          "variable \"x\" {\n  type = any\n}\n",
			"terraform.tfvars": "x = [for a in " + lit + " : [for b in " + lit + " : b]]\n",
		},
		wantFile: "terraform.tfvars", wantLine: 1,
	}, {
		name:     "variable default",
		files:    map[string]string{"main.tf": "variable \"x\" {\n  default = [for a in " + lit + " : [for b in " + lit + " : b]]\n}\n"},
		wantFile: "main.tf", wantLine: 2,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := loadFiles(t, tt.files)
			var found []graph.Diagnostic
			for _, d := range u.Diagnostics {
				if d.Summary == forbudget.Summary {
					found = append(found, d)
				}
			}
			if len(found) == 0 {
				t.Fatalf("no %q error; diagnostics: %v", forbudget.Summary, u.Diagnostics)
			}
			for _, d := range found {
				if d.Severity != graph.SeverityError {
					t.Errorf("severity %v, want error", d.Severity)
				}
				if !strings.HasSuffix(filepath.ToSlash(d.Location.File), "/"+tt.wantFile) || d.Location.StartLine != tt.wantLine {
					t.Errorf("error at %s:%d, want %s:%d", d.Location.File, d.Location.StartLine, tt.wantFile, tt.wantLine)
				}
			}
		})
	}
}

// Loops under the budget evaluate exactly, and the budget is the root
// module's: a second root evaluated after one that spent it has all of it.
func TestForIterationBudgetUnderLimit(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": `locals {
  grid = [for a in range(200) : [for b in range(200) : a * b if b % 2 == 0]]
  text = "%{for a in range(100)}%{for b in range(100)}${b % 10}%{endfor}%{endfor}"
}
resource "terraform_data" "x" {
  input = [length(flatten(local.grid)), sum(flatten(local.grid)), length(local.text)]
}
`})
	if u.Diagnostics.HasErrors() {
		t.Fatalf("errors: %v", u.Diagnostics)
	}
	in := u.Resources[0].Attrs.Get("input")
	var got []float64
	for _, v := range in.List {
		got = append(got, v.Number)
	}
	// sum over a < 200, even b < 200 of a*b = 19900 * 9900
	want := []float64{200 * 100, 19900 * 9900, 100 * 100}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("input %v, want %v", got, want)
	}
}
