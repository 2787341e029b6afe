package terraform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The tests in this file pin behaviours of terraform 1.11.4 (`terraform
// plan -input=false` on the same files); each case says which.

// writeTree writes files (slash-separated names relative to a new
// temporary directory) and returns the directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadTree loads the root module at the top of a tree written by
// writeTree; var-file paths in opts are relative to that directory.
func loadTree(t *testing.T, files map[string]string, opts Options) (*graph.Unit, string) {
	t.Helper()
	dir := writeTree(t, files)
	for i, a := range opts.Args {
		if a.File != "" {
			opts.Args[i].File = filepath.Join(dir, a.File)
		}
	}
	units := LoadModules(context.Background(), []string{dir}, opts)
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	return units[0], dir
}

// attr renders one attribute of one resource, or "<missing>".
func attr(u *graph.Unit, id, name string) string {
	r := u.Resource(id)
	if r == nil {
		return "<no resource " + id + ">"
	}
	v := r.Attrs.Get(name)
	if v == nil {
		return "<missing>"
	}
	return v.GoString()
}

// diagLines renders the unit's errors and warnings as
// "severity file:line summary", files relative to dir; notes are left out.
func diagLines(u *graph.Unit, dir string) []string {
	var out []string
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityNote {
			continue
		}
		f := d.Location.File
		if r, err := filepath.Rel(dir, f); err == nil && f != "" {
			f = filepath.ToSlash(r)
		}
		out = append(out, fmt.Sprintf("%s %s:%d %s", d.Severity, f, d.Location.StartLine, d.Summary))
	}
	slices.Sort(out)
	return out
}

func TestVariableTypeConstraints(t *testing.T) {
	tests := []struct {
		name  string
		decl  string // the type argument
		val   string // -var value, "" for none
		want  string // terraform_data.t input
		diags []string
	}{
		// terraform accepts the bare keywords list and map as list(any)
		// and map(any), and parses -var for them as HCL.
		{name: "bare list", decl: "list", val: `[1, "x"]`, want: `["1", "x"]`},
		{name: "bare map", decl: "map", val: `{k = 1}`, want: `{k: 1}`},
		{name: "bare list of mixed types", decl: "list", val: `[[1], "x"]`, want: "(unknown)",
			diags: []string{"error main.tf:1 Invalid value for input variable"}},
		// ... but not a bare set: "The set type constructor requires one
		// argument specifying the element type."
		{name: "bare set", decl: "set", diags: []string{"error main.tf:1 Invalid type specification"}},
		// any parses -var as HCL too: 5 is a number.
		{name: "any", decl: "any", val: `5`, want: `5`},
		// Quoted types, the 0.11 form, fail init.
		{name: "quoted string", decl: `"string"`, val: "x", want: `"x"`,
			diags: []string{"error main.tf:1 Invalid quoted type constraints"}},
		{name: "quoted list", decl: `"list"`, diags: []string{"error main.tf:1 Invalid quoted type constraints"}},
		{name: "quoted number", decl: `"number"`, diags: []string{"error main.tf:1 Invalid legacy variable type hint"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"main.tf": fmt.Sprintf(`variable "v" { type = %s }
resource "terraform_data" "t" { input = var.v }
`, tt.decl)}
			var opts Options
			if tt.val != "" {
				opts.Args = []VarArg{{Name: "v", Value: tt.val}}
			}
			u, dir := loadTree(t, files, opts)
			if got := diagLines(u, dir); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics = %q, want %q", got, tt.diags)
			}
			if tt.want != "" {
				if got := attr(u, "terraform_data.t", "input"); got != tt.want {
					t.Errorf("input = %s, want %s", got, tt.want)
				}
			}
		})
	}
}

func TestVariableTypeInJSON(t *testing.T) {
	// In .tf.json types are strings: "list" and "map(string)" are fine,
	// "set" is not.
	u, dir := loadTree(t, map[string]string{"main.tf.json": `{
"variable": {"a": {"type": "list", "default": [1]}, "b": {"type": "map(string)", "default": {"k": 1}},
             "c": {"type": "set", "default": []}},
"resource": {"terraform_data": {"t": {"input": ["${var.a}", "${var.b}"]}}}
}`}, Options{})
	if got, want := diagLines(u, dir), []string{"error main.tf.json:3 Invalid type specification"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
	if got, want := attr(u, "terraform_data.t", "input"), `[[1], {k: "1"}]`; got != want {
		t.Errorf("input = %s, want %s", got, want)
	}
}

func TestJSONVariableFilesAreLiteral(t *testing.T) {
	main := `variable "a" {}
variable "b" {}
variable "c" {}
variable "d" { type = map(string) }
variable "e" { type = list(any) }
resource "terraform_data" "t" {
  input = { a = var.a, b = var.b, c = var.c, d = var.d, e = var.e }
}
`
	// terraform plan shows exactly these strings: a .tfvars.json value is
	// JSON, not a template, whichever way the file is loaded.
	values := `{"a": "$${x}", "b": "%{if true}yes%{endif}", "c": "${HOME}",
 "d": {"k": "${x}"}, "e": [1, "${y}", true]}`
	want := `{a: "$${x}", b: "%{if true}yes%{endif}", c: "${HOME}", d: {k: "${x}"}, e: ["1", "${y}", "true"]}`
	for _, file := range []string{"terraform.tfvars.json", "x.auto.tfvars.json", "extra.json"} {
		t.Run(file, func(t *testing.T) {
			var opts Options
			if file == "extra.json" {
				opts.Args = []VarArg{{File: file}}
			}
			u, dir := loadTree(t, map[string]string{"main.tf": main, file: values}, opts)
			if got := diagLines(u, dir); len(got) != 0 {
				t.Errorf("diagnostics = %q", got)
			}
			if got := attr(u, "terraform_data.t", "input"); got != want {
				t.Errorf("input = %s\nwant    %s", got, want)
			}
			// Each element keeps its own place in the file.
			e1 := u.Resource("terraform_data.t").Attrs.At(graph.Path{"input", "e", 1})
			if e1 == nil || len(e1.Trace) == 0 {
				t.Fatalf("input.e[1] = %+v, want a trace", e1)
			}
			if h := e1.Trace[0]; filepath.Base(h.File) != file || h.StartLine != 2 || h.StartCol != 31 {
				t.Errorf("input.e[1] comes from %+v, want %s line 2 column 31", h, file)
			}
		})
	}
}

func TestNativeVariableFilesAllowNoReferences(t *testing.T) {
	// terraform: "Functions may not be called here." and "Variables may
	// not be used here." in terraform.tfvars; templates and for
	// expressions over literals are fine.
	u, dir := loadTree(t, map[string]string{
		"main.tf": `variable "a" {}
variable "b" {}
variable "c" {}
variable "e" {}
resource "terraform_data" "t" { input = [var.a, var.b, var.c, var.e] }
`,
		"terraform.tfvars": `a = upper("x")
b = "${1 + 2}"
c = var.x
e = [for x in [1, 2] : x * 2]
`,
	}, Options{})
	want := []string{"error terraform.tfvars:1 Function calls not allowed", "error terraform.tfvars:3 Variables not allowed"}
	if got := diagLines(u, dir); !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
	if got, want := attr(u, "terraform_data.t", "input"), `[(unknown), 3, (unknown), [2, 4]]`; got != want {
		t.Errorf("input = %s, want %s", got, want)
	}
}

func TestVarArgsApplyInOrder(t *testing.T) {
	files := map[string]string{
		"main.tf": `variable "x" {}
resource "terraform_data" "t" { input = var.x }
`,
		"terraform.tfvars": `x = "tfvars"`,
		"a.tfvars":         `x = "a.tfvars"`,
		"b.tfvars":         `x = "b.tfvars"`,
	}
	// terraform plan -var-file=a.tfvars -var x=cli gives "cli";
	// -var x=cli -var-file=a.tfvars gives "a.tfvars": the later wins.
	tests := []struct {
		name  string
		args  []VarArg
		want  string
		trace string
	}{
		{name: "none", want: `"tfvars"`, trace: "terraform.tfvars:1 variable x set in terraform.tfvars"},
		{name: "file then var", args: []VarArg{{File: "a.tfvars"}, {Name: "x", Value: "cli"}}, want: `"cli"`, trace: ":0 variable x set by --var"},
		{name: "var then file", args: []VarArg{{Name: "x", Value: "cli"}, {File: "a.tfvars"}}, want: `"a.tfvars"`, trace: "a.tfvars:1 variable x set in a.tfvars"},
		{name: "files in order", args: []VarArg{{File: "b.tfvars"}, {File: "a.tfvars"}}, want: `"a.tfvars"`},
		{name: "vars in order", args: []VarArg{{Name: "x", Value: "1"}, {Name: "x", Value: "2", Via: "RAMPART_VAR"}}, want: `"2"`, trace: ":0 variable x set by RAMPART_VAR"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, dir := loadTree(t, files, Options{Args: slices.Clone(tt.args)})
			if got := attr(u, "terraform_data.t", "input"); got != tt.want {
				t.Errorf("input = %s, want %s", got, tt.want)
			}
			if tt.trace == "" {
				return
			}
			v := u.Resource("terraform_data.t").Attrs.Get("input")
			if len(v.Trace) == 0 {
				t.Fatalf("no trace")
			}
			h := v.Trace[0]
			f := h.File
			if f != "" {
				f, _ = filepath.Rel(dir, f)
			}
			if got := fmt.Sprintf("%s:%d %s", f, h.StartLine, h.Note); got != tt.trace {
				t.Errorf("trace[0] = %s, want %s", got, tt.trace)
			}
		})
	}
}

func TestUnreadValuesFailClosed(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		args  []VarArg
		diags []string
	}{
		{
			// terraform plan evaluates every local and output, read or
			// not, and fails on each of these.
			name: "unread locals and outputs",
			files: map[string]string{
				"main.tf": `module "m" {
  source = "./m"
}
locals {
  a = module.m.nope
  b = upper("a", "b")
  c = aws_s3_bucket.nope.id
  d = local.nope
}
output "o" { value = var.nope }
`,
				"m/main.tf": `output "x" { value = 1 }
output "y" { value = lower() }
`,
			},
			diags: []string{
				"error m/main.tf:2 Not enough function arguments",
				"error main.tf:10 Reference to undeclared input variable",
				"error main.tf:5 Unsupported attribute",
				"error main.tf:6 Too many function arguments",
				"error main.tf:7 Reference to undeclared resource",
				"error main.tf:8 Reference to undeclared local value",
			},
		},
		{
			// A root variable with no value is Unknown (rampart has no
			// values to ask for), and so is all that depends on it: no
			// error, not even from a validation rule.
			name: "missing root variable stays unknown",
			files: map[string]string{"main.tf": `variable "n" {
  type = number
  validation {
    condition     = var.n > 5
    error_message = "too small"
  }
}
output "o" { value = var.n + 1 }
`},
		},
		{
			// terraform: "Value for undeclared variable: A variable named
			// "nope" was assigned on the command line". TF_VAR_nope and
			// RAMPART_VAR (Via) are ignored.
			name:  "undeclared --var",
			files: map[string]string{"main.tf": `variable "a" { default = 1 }`},
			args:  []VarArg{{Name: "nope", Value: "1"}, {Name: "quiet", Value: "1", Via: "RAMPART_VAR"}, {Name: "a", Value: "2"}},
			diags: []string{"error :0 Value for undeclared variable"},
		},
		{
			// terraform: "Required variable not set: ... required variable
			// may not be set to null", at the null; a default replaces a
			// null when there is one.
			name: "null for a non-nullable variable",
			files: map[string]string{
				"main.tf": `variable "a" {
  type     = string
  nullable = false
}
variable "c" {
  type     = string
  nullable = false
  default  = "d"
}
module "m" {
  source = "./m"
  a      = null
}
`,
				"terraform.tfvars": "a = null\nc = null\n",
				"m/main.tf": `variable "a" {
  type     = string
  nullable = false
}
`,
			},
			diags: []string{"error main.tf:12 Required variable not set", "error terraform.tfvars:1 Required variable not set"},
		},
		{
			// terraform: "Module output value precondition failed" at the
			// condition, in the root and in a child; a condition over a
			// variable with no value passes; a constant condition is
			// "Invalid precondition expression".
			name: "output preconditions",
			files: map[string]string{
				"main.tf": `variable "n" { default = 3 }
variable "u" { type = number }
output "o" {
  value = var.n
  precondition {
    condition     = var.n > 5
    error_message = "n is ${var.n}"
  }
}
output "u" {
  value = var.u
  precondition {
    condition     = var.u > 5
    error_message = "u small"
  }
}
module "m" {
  source = "./m"
}
`,
				"m/main.tf": `variable "k" { default = 1 }
output "x" {
  value = 1
  precondition {
    condition     = var.k > 2
    error_message = "child fails"
  }
}
output "constant" {
  value = 1
  precondition {
    condition     = false
    error_message = "checks nothing"
  }
}
`,
			},
			diags: []string{
				"error m/main.tf:12 Invalid precondition expression",
				"error m/main.tf:5 Module output value precondition failed",
				"error main.tf:6 Module output value precondition failed",
			},
		},
		{
			// terraform init: "Invalid variable validation condition"
			// (must refer to var.a) and "Invalid validation expression"
			// (refers to nothing).
			name: "validation conditions must refer to their variable",
			files: map[string]string{"main.tf": `variable "a" {
  default = 1
  validation {
    condition     = local.x > 0
    error_message = "x"
  }
}
variable "b" {
  default = 1
  validation {
    condition     = true
    error_message = "x"
  }
}
locals { x = 1 }
`},
			diags: []string{"error main.tf:11 Invalid validation expression", "error main.tf:4 Invalid variable validation condition"},
		},
		{
			// terraform: "Reference to undeclared module/resource" and
			// "Invalid depends_on reference" in depends_on lists of
			// resources and outputs; variables and locals are allowed.
			name: "depends_on",
			files: map[string]string{"main.tf": `variable "s" { default = "x" }
locals { l = 1 }
resource "terraform_data" "a" {}
resource "terraform_data" "d1" { depends_on = [module.nope] }
resource "terraform_data" "d2" { depends_on = [data.terraform_remote_state.nope] }
resource "terraform_data" "d3" { depends_on = [var.s, local.l, terraform_data.a] }
resource "terraform_data" "d5" { depends_on = [terraform_data.a.id] }
output "o" {
  value      = 1
  depends_on = [terraform_data.nope2]
}
`},
			diags: []string{
				"error main.tf:10 Reference to undeclared resource",
				"error main.tf:4 Reference to undeclared module",
				"error main.tf:5 Reference to undeclared resource",
				"error main.tf:7 Invalid depends_on reference",
			},
		},
		{
			// terraform: "Unexpected resource instance key" for an
			// instance key on a resource without count or for_each, in
			// resources and outputs alike; on a counted or for_each
			// resource any key passes, even of no instance.
			name: "depends_on instance keys",
			files: map[string]string{"main.tf": `resource "terraform_data" "one" {}
resource "terraform_data" "two" { count = 2 }
resource "terraform_data" "each" { for_each = toset(["x"]) }
resource "terraform_data" "d1" { depends_on = [terraform_data.one[0]] }
resource "terraform_data" "d2" { depends_on = [terraform_data.two[5], terraform_data.each["y"], terraform_data.each[0]] }
output "o" {
  value      = 1
  depends_on = [terraform_data.one["k"]]
}
`},
			diags: []string{
				"error main.tf:4 Unexpected resource instance key",
				"error main.tf:8 Unexpected resource instance key",
			},
		},
		{
			// terraform: "Output refers to sensitive values" for a root
			// output without sensitive = true, whether the value is the
			// sensitive variable or computed from it; nonsensitive() and
			// a child module's output are fine, and terraform 1.11 plans a
			// child's sensitive = true output as not sensitive to its
			// caller.
			name: "sensitive root outputs",
			files: map[string]string{
				"main.tf": `variable "s" {
  default   = "x"
  sensitive = true
}
output "o" { value = var.s }
output "p" { value = "${var.s}-y" }
output "q" { value = nonsensitive(var.s) }
output "r" {
  value     = var.s
  sensitive = true
}
module "m" { source = "./m" }
output "via_child" { value = module.m.d }
`,
				"m/main.tf": `variable "s" {
  default   = "x"
  sensitive = true
}
output "c" { value = var.s }
output "d" {
  value     = "plain"
  sensitive = true
}
`,
			},
			diags: []string{"error main.tf:5 Output refers to sensitive values", "error main.tf:6 Output refers to sensitive values"},
		},
		{
			// terraform plan validates bodies that have no instance
			// (count = 0, an empty for_each): an undeclared reference or a
			// wrong number of arguments there fails it; an index that
			// depends on count.index does not.
			name: "bodies without instances",
			files: map[string]string{
				"main.tf": `variable "items" { default = {} }
module "m" {
  source = "./m"
  count  = 0
}
module "wrapper" {
  source   = "./w"
  for_each = var.items
  a        = try(each.value.a, [])
}
resource "terraform_data" "r" {
  count = 0
  input = upper("a", "b")
}
resource "terraform_data" "s" {
  count = 0
  input = [1][count.index + 5]
}
`,
				"m/main.tf": `output "x" { value = var.nope }
`,
				"w/main.tf": `variable "a" {}
locals { r = concat(var.auto_rules, var.a) }
`,
			},
			diags: []string{
				"error m/main.tf:1 Reference to undeclared input variable",
				"error main.tf:13 Too many function arguments",
				"error w/main.tf:2 Reference to undeclared input variable",
			},
		},
		{
			// terraform init: "Invalid default value for variable", even
			// with a value given; the variables are then Unknown, with no
			// second error.
			name: "invalid defaults",
			files: map[string]string{"main.tf": `variable "a" {
  type    = number
  default = "abc"
}
variable "b" {
  type     = string
  nullable = false
  default  = null
}
variable "c" {
  type    = object({ x = string })
  default = { y = 1 }
}
output "o" { value = [var.a, var.b, var.c] }
`},
			args: []VarArg{{Name: "a", Value: "1"}},
			diags: []string{
				"error main.tf:12 Invalid default value for variable",
				"error main.tf:3 Invalid default value for variable",
				"error main.tf:8 Invalid default value for variable",
			},
		},
		{
			// terraform: "Invalid value for variable ... This was checked
			// by the validation rule", at the module argument for a child
			// and at the declaration for a -var.
			name: "validation false on a known value",
			files: map[string]string{
				"main.tf": `variable "b" {
  type = number
  validation {
    condition     = var.b > 5
    error_message = "b too small"
  }
}
module "m" {
  source = "./m"
  b      = 3
}
module "ok" {
  source = "./m"
  b      = 9
}
`,
				"m/main.tf": `variable "b" {
  type = number
  validation {
    condition     = var.b > 5
    error_message = "b is ${var.b}, too small"
  }
}
`,
			},
			args:  []VarArg{{Name: "b", Value: "3"}},
			diags: []string{"error main.tf:1 Invalid value for variable", "error main.tf:10 Invalid value for variable"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, dir := loadTree(t, tt.files, Options{Args: tt.args, Env: []string{"TF_VAR_env_only=1"}})
			if got := diagLines(u, dir); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

func TestChildModuleErrorsNameTheInstanceAndCallSites(t *testing.T) {
	// terraform reports "on modules/child/main.tf line 3, in output "port"
	// ... module.broken"; rampart names the instance and every call that
	// leads to it, outermost first, and reports an error shared by every
	// instance of one call once.
	files := map[string]string{
		"main.tf": `module "ok" {
  source   = "./modules/child"
  settings = { port = 22 }
}

module "broken" {
  source   = "./modules/child"
  settings = {}
}

module "outer" {
  source = "./modules/outer"
}
`,
		"modules/child/main.tf": `variable "settings" { type = map(number) }

output "port" { value = var.settings["port"] }
`,
		"modules/outer/main.tf": `module "inner" {
  source   = "../child"
  for_each = toset(["a", "b"])
  settings = { other = 1 }
}
`,
	}
	u, dir := loadTree(t, files, Options{})
	var got []string
	for _, d := range u.Diagnostics {
		f, _ := filepath.Rel(dir, d.Location.File)
		var calls, sites []string
		for _, c := range d.CalledAt {
			cf, _ := filepath.Rel(dir, c.File)
			calls = append(calls, fmt.Sprintf("%s:%d", cf, c.StartLine))
			sites = append(sites, fmt.Sprintf("%s:%d", c.File, c.StartLine))
		}
		got = append(got, fmt.Sprintf("%s %s:%d %s | %s | %s", d.Severity, f, d.Location.StartLine, d.Summary, d.Module, strings.Join(calls, " ")))
		if ctx := fmt.Sprintf("(in %s, called at %s)", d.Module, strings.Join(sites, ", then ")); !strings.HasSuffix(d.Detail, ctx) {
			t.Errorf("detail %q does not end with %q", d.Detail, ctx)
		}
	}
	slices.Sort(got)
	want := []string{
		`error modules/child/main.tf:3 Invalid index | module.broken | main.tf:6`,
		`error modules/child/main.tf:3 Invalid index | module.outer.module.inner["a"] | main.tf:11 modules/outer/main.tf:1`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestResourcePrefixedReference(t *testing.T) {
	// terraform 1.11 plans output "o" { value = resource.terraform_data.x }
	// as the resource itself; an output nobody reads is evaluated, so an
	// unsupported prefix would fail the scan.
	u, dir := loadTree(t, map[string]string{"main.tf": `resource "terraform_data" "x" { input = "a" }
resource "terraform_data" "y" { input = [resource.terraform_data.x.input, resource.terraform_data.x.id] }
output "o" { value = resource.terraform_data.x }
output "bad" { value = resource.terraform_data.nope.id }
`}, Options{})
	if got, want := diagLines(u, dir), []string{"error main.tf:4 Reference to undeclared resource"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
	if got, want := attr(u, "terraform_data.y", "input"), `["a", (unknown terraform_data.x.id)]`; got != want {
		t.Errorf("input = %s, want %s", got, want)
	}
}

func TestChildSensitiveOutputStaysRedacted(t *testing.T) {
	// terraform 1.11: issensitive(module.m.d) is false for an output
	// declared sensitive = true; rampart agrees on the value, and still
	// reports the value passed on unchanged as sensitive.
	u, _ := loadTree(t, map[string]string{
		"main.tf": `module "m" { source = "./m" }
resource "terraform_data" "t" { input = [module.m.d, issensitive(module.m.d)] }
`,
		"m/main.tf": `output "d" {
  value     = "plain"
  sensitive = true
}
`,
	}, Options{})
	in := u.Resource("terraform_data.t").Attrs.Get("input")
	if got, want := in.GoString(), `["plain", false]`; got != want {
		t.Errorf("input = %s, want %s", got, want)
	}
	if !in.Index(0).Sensitive {
		t.Errorf("module.m.d passed on unchanged is not Sensitive")
	}
}
