package terraform

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

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
		// Counted before the set is walked (BenchmarkForEachSetOverBudget).
		name:      "for_each over a set of 20,000 names",
		files:     map[string]string{"main.tf": forEachSetSource(2 * MaxBlockInstances)},
		wantLine:  6,
		wantInErr: "for_each creates 20000 instances",
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
			u := loadFiles(t, tt.files)
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
// which made 20,000 keys take over a minute. This test pins the result;
// BenchmarkForEachSet measures the time.
func TestForEachSetIsLinear(t *testing.T) {
	const n = 6000
	src := forEachSetSource(n)
	u := loadFiles(t, map[string]string{"main.tf": src})
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

// Files nested deeper than hcl's recursive parsers can take are refused
// before parsing, with the position where the limit is crossed.
func TestNestingLimits(t *testing.T) {
	parens := strings.Repeat("(", 80_000) + "1" + strings.Repeat(")", 80_000)
	tests := []struct {
		name     string
		files    map[string]string
		args     []VarArg
		wantFile string
		wantLine int
	}{{
		name:     "parentheses",
		files:    map[string]string{"main.tf": "locals {\n  x = " + parens + "\n}\n"},
		wantFile: "main.tf",
		wantLine: 2,
	}, {
		name:     "blocks",
		files:    map[string]string{"main.tf": "resource \"terraform_data\" \"x\" {\n" + strings.Repeat("a {\n", 10_000) + strings.Repeat("}\n", 10_001)},
		wantFile: "main.tf",
		wantLine: 257,
	}, {
		name:     "JSON arrays",
		files:    map[string]string{"main.tf.json": `{"locals": {"x":` + "\n" + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "}}"},
		wantFile: "main.tf.json",
		wantLine: 2,
	}, {
		name:     "JSON template",
		files:    map[string]string{"main.tf.json": "{\"locals\": {\n\"x\": \"${" + parens + "}\"}}"},
		wantFile: "main.tf.json",
		wantLine: 2,
	}, {
		name: "tfvars",
		files: map[string]string{
			"main.tf":          "variable \"x\" {\n  type = list(number)\n}\n",
			"terraform.tfvars": "\nx = [" + parens + "]\n",
		},
		wantFile: "terraform.tfvars",
		wantLine: 2,
	}, {
		name:  "--var",
		files: map[string]string{"main.tf": "variable \"x\" {\n  type = list(number)\n}\n"},
		args:  []VarArg{{Name: "x", Value: "[" + parens + "]"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, tt.files)
			units := LoadModules(context.Background(), []string{dir}, Options{Root: dir, Args: tt.args})
			var errs []graph.Diagnostic
			for _, d := range units[0].Diagnostics {
				if d.Severity == graph.SeverityError {
					errs = append(errs, d)
				}
			}
			if len(errs) != 1 || !strings.Contains(strings.ToLower(errs[0].Summary+errs[0].Detail), "nested too deeply") {
				t.Fatalf("got %v, want one error saying the file is nested too deeply", errs)
			}
			if tt.wantFile == "" {
				return
			}
			l := errs[0].Location
			if l.File != filepath.Join(dir, tt.wantFile) || l.StartLine != tt.wantLine {
				t.Errorf("error at %s:%d, want %s:%d", l.File, l.StartLine, tt.wantFile, tt.wantLine)
			}
		})
	}
}

// A chain of locals each doubling a string (or a list) stops at the first
// step over the budget, with the error there, instead of growing to
// terabytes.
func TestValueSizeBudget(t *testing.T) {
	var b strings.Builder
	b.WriteString("locals {\n  s0 = \"" + strings.Repeat("x", 1024) + "\"\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  s%d = \"${local.s%d}${local.s%d}\"\n", i, i-1, i-1)
	}
	b.WriteString("}\nresource \"terraform_data\" \"x\" {\n  input = local.s40\n}\n")
	// About 1 s of CPU, most of it hcl building the 64 MiB string that
	// goes over the budget; without the budget the load runs out of memory.
	u := loadFiles(t, map[string]string{"main.tf": b.String()})
	var errs []graph.Diagnostic
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			errs = append(errs, d)
		}
	}
	// s16 is 64 MiB, the first over 32 MiB; it is on line 18.
	if len(errs) != 1 || errs[0].Summary != "Value too large" || errs[0].Location.StartLine != 18 {
		t.Fatalf("got %v, want one \"Value too large\" error on line 18", errs)
	}
}

func TestDynamicBlockBudget(t *testing.T) {
	nested := `locals {
  xs = range(1000)
}
resource "aws_security_group" "x" {
  dynamic "ingress" {
    for_each = local.xs
    content {
      dynamic "a" {
        for_each = local.xs
        content {
          dynamic "b" {
            for_each = local.xs
            content {}
          }
        }
      }
    }
  }
}
`
	u := loadFiles(t, map[string]string{"main.tf": nested})
	var errs []graph.Diagnostic
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			errs = append(errs, d)
		}
	}
	if len(errs) != 1 || errs[0].Summary != "Too many dynamic blocks" || errs[0].Location.StartLine != 12 {
		t.Fatalf("got %v, want one \"Too many dynamic blocks\" error on line 12", errs)
	}

	// 40 instances of 400 blocks each: 16,000, under the budget when
	// each instance's blocks are counted once.
	u = loadFiles(t, map[string]string{"main.tf": `resource "aws_security_group" "x" {
  count = 40
  dynamic "ingress" {
    for_each = range(400)
    content {
      from_port = ingress.value
    }
  }
}
`})
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			t.Errorf("unexpected %v", d)
		}
	}
}

// forEachSetSource is a module whose terraform_data resource takes a
// for_each over a set variable of n names, declared on line 3.
func forEachSetSource(n int) string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%q", fmt.Sprintf("k%d", i))
	}
	return fmt.Sprintf(`variable "names" {
  type    = set(string)
  default = [%s]
}
resource "terraform_data" "x" {
  for_each = var.names
  input    = each.value
}
`, strings.Join(keys, ", "))
}

// containsMarked answers as cty's ContainsMarked does, without walking a
// set: cty keeps the marks of a set's elements on the set.
func TestContainsMarked(t *testing.T) {
	mark := sensitiveMark
	tests := []struct {
		name string
		v    cty.Value
	}{
		{"plain set", cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})},
		{"set of a marked element", cty.SetVal([]cty.Value{cty.StringVal("a").Mark(mark), cty.StringVal("b")})},
		{"marked set", cty.SetVal([]cty.Value{cty.StringVal("a")}).Mark(mark)},
		{"set of objects with a marked attribute", cty.SetVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"k": cty.StringVal("v").Mark(mark)})})},
		{"list of a marked element", cty.ListVal([]cty.Value{cty.StringVal("a").Mark(mark)})},
		{"unknown set", cty.UnknownVal(cty.Set(cty.String))},
		{"tuple holding a marked set", cty.TupleVal([]cty.Value{cty.SetVal([]cty.Value{cty.StringVal("a").Mark(mark)})})},
	}
	for _, tt := range tests {
		if got, want := containsMarked(tt.v), tt.v.ContainsMarked(); got != want {
			t.Errorf("%s: containsMarked %v, ContainsMarked %v", tt.name, got, want)
		}
	}
}

// A value that shares its parts grows tenfold per local for the cost of
// ten references; the deep size of each named value is bounded, so the
// chain stops at the first local over the budget instead of exhausting
// memory when something walks it.
func TestNamedValueBudget(t *testing.T) {
	tens := func(name string) string {
		return "[" + strings.TrimSuffix(strings.Repeat("local."+name+", ", 10), ", ") + "]"
	}
	src := "locals {\n  a = [range(1000)]\n" +
		"  b = " + tens("a") + "\n  c = " + tens("b") + "\n  d = " + tens("c") + "\n  e = " + tens("d") + "\n" +
		"  f = length(flatten(local.e))\n}\noutput \"o\" {\n  value = local.f\n}\n"
	u := loadFiles(t, map[string]string{"main.tf": src})
	var errs []graph.Diagnostic
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			errs = append(errs, d)
		}
	}
	// a holds 1,002 values, b 10,021, c 100,221: c is the first over.
	if len(errs) != 1 || errs[0].Summary != "Value too large" || errs[0].Location.StartLine != 4 {
		t.Fatalf("errors %v: want one Value too large at line 4", errs)
	}
}

func TestDeepSize(t *testing.T) {
	leaf := cty.StringVal("x")
	list := cty.ListVal([]cty.Value{leaf, leaf, leaf})
	tests := []struct {
		name  string
		v     cty.Value
		limit int
		want  int
	}{
		{"primitive", leaf, 10, 1},
		{"list", list, 10, 4},
		{"set", cty.SetVal([]cty.Value{leaf, cty.StringVal("y")}), 10, 3},
		{"set of lists", cty.SetVal([]cty.Value{list}), 10, 5},
		{"nested", cty.TupleVal([]cty.Value{list, list}), 100, 9},
		{"marked", cty.TupleVal([]cty.Value{list.Mark(sensitiveMark)}).Mark(sensitiveMark), 100, 5},
		{"marked leaves", cty.ObjectVal(map[string]cty.Value{"a": leaf.Mark(sensitiveMark), "b": cty.NullVal(cty.String).Mark(sensitiveMark)}), 10, 3},
		{"null object", cty.NullVal(cty.Object(map[string]cty.Type{"a": cty.String})), 10, 1},
		{"unknown object, marked", cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.String})).Mark(sensitiveMark), 10, 1},
		{"unknown", cty.UnknownVal(cty.List(cty.String)), 10, 1},
		{"stops past the limit", cty.TupleVal([]cty.Value{list, list, list}), 5, 9},
	}
	for _, tt := range tests {
		if got := deepSize(tt.v, tt.limit); got != tt.want {
			t.Errorf("%s: deepSize %d, want %d", tt.name, got, tt.want)
		}
	}
}
