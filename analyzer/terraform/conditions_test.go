package terraform

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// diagDetails renders the unit's diagnostics, notes too, as
// "severity file:line summary: detail", files relative to dir and dir
// in details DIR.
func diagDetails(u *graph.Unit, dir string) []string {
	var out []string
	for _, d := range u.Diagnostics {
		f := d.Location.File
		if r, err := filepath.Rel(dir, f); err == nil && f != "" {
			f = filepath.ToSlash(r)
		}
		out = append(out, fmt.Sprintf("%s %s:%d %s: %s", d.Severity, f, d.Location.StartLine, d.Summary, strings.ReplaceAll(d.Detail, dir, "DIR")))
	}
	slices.Sort(out)
	return out
}

// TestConditionsAndEphemeralValues pins what terraform 1.11.4 plan does
// with resource preconditions and postconditions, check blocks and
// ephemeral values (each case says what terraform reported).
func TestConditionsAndEphemeralValues(t *testing.T) {
	const token = `variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
`
	tests := []struct {
		name  string
		files map[string]string
		diags []string
	}{
		{
			// terraform: "Resource precondition failed" for
			// terraform_data.x[1] only, at the condition, with the
			// message rendered for that instance.
			name: "precondition per instance",
			files: map[string]string{"main.tf": `variable "size" { default = 3 }
resource "terraform_data" "x" {
  count = 2
  input = var.size
  lifecycle {
    precondition {
      condition     = count.index < 1
      error_message = "index ${count.index} too big, size ${var.size}."
    }
  }
}
`},
			diags: []string{"error main.tf:7 Resource precondition failed: index 1 too big, size 3."},
		},
		{
			// terraform: "Resource postcondition failed" when self's
			// attribute is known at plan time, nothing when it is
			// computed (self.id).
			name: "postcondition on self",
			files: map[string]string{"main.tf": `resource "terraform_data" "x" {
  input = 3
  lifecycle {
    postcondition {
      condition     = self.input < 2
      error_message = "input is ${self.input}."
    }
    postcondition {
      condition     = self.id == "x"
      error_message = "id."
    }
  }
}
`},
			diags: []string{"error main.tf:5 Resource postcondition failed: input is 3."},
		},
		{
			// A data source's precondition is checked before it is read.
			name: "data source precondition",
			files: map[string]string{"main.tf": `variable "name" { default = "" }
data "aws_ami" "a" {
  owners = ["self"]
  lifecycle {
    precondition {
      condition     = var.name != ""
      error_message = "name is empty."
    }
    postcondition {
      condition     = self.id != ""
      error_message = "read at apply time."
    }
  }
}
`},
			diags: []string{"error main.tf:6 Resource precondition failed: name is empty."},
		},
		{
			// terraform: "Invalid precondition expression" for a
			// condition that refers to nothing.
			name: "constant condition",
			files: map[string]string{"main.tf": `resource "terraform_data" "x" {
  lifecycle {
    postcondition {
      condition     = false
      error_message = "constant."
    }
  }
}
`},
			diags: []string{"error main.tf:4 Invalid postcondition expression: the condition refers to nothing else in the configuration, so it checks nothing"},
		},
		{
			// terraform: "Check block assertion failed" is a warning and
			// the plan succeeds; an assertion on a computed value or a
			// scoped data source waits for apply.
			name: "check assertions",
			files: map[string]string{"main.tf": `locals { n = 3 }
resource "terraform_data" "x" { input = local.n }
check "c" {
  data "http" "site" {
    url = "https://example.com"
  }
  assert {
    condition     = local.n < 2
    error_message = "n is ${local.n}."
  }
  assert {
    condition     = terraform_data.x.id == "a"
    error_message = "id."
  }
  assert {
    condition     = data.http.site.status_code == 200
    error_message = "down."
  }
}
`},
			diags: []string{"warning main.tf:8 Check block assertion failed: n is 3."},
		},
		{
			// terraform: "Reference to undeclared local value" in a check
			// is an error like anywhere else.
			name: "check undeclared reference",
			files: map[string]string{"main.tf": `check "c" {
  assert {
    condition     = local.m == 3
    error_message = "m."
  }
}
`},
			diags: []string{`error main.tf:3 Reference to undeclared local value: local value "m" is not declared in DIR`},
		},
		{
			// terraform: "Invalid use of ephemeral value" at the argument;
			// ephemeralasnull makes it null and a local may hold it.
			name: "ephemeral resource argument",
			files: map[string]string{"main.tf": token + `locals { header = "Bearer ${var.token}" }
resource "terraform_data" "x" {
  input            = ephemeralasnull(local.header)
  triggers_replace = [local.header]
}
resource "aws_db_instance" "d" {
  password_wo = var.token
}
`},
			diags: []string{`error main.tf:9 Invalid use of ephemeral value: ephemeral values are not valid for "triggers_replace", which is not a write-only argument and must be kept in the state`},
		},
		{
			// terraform: "Invalid count argument" and "Invalid for_each
			// argument" for repetition derived from an ephemeral value,
			// of resources and module calls.
			name: "ephemeral count and for_each",
			files: map[string]string{
				"main.tf": token + `resource "terraform_data" "c" {
  count = length(var.token)
}
module "m" {
  source   = "./m"
  for_each = toset([var.token])
}
`,
				"m/main.tf": `output "o" { value = 1 }
`,
			},
			diags: []string{
				`error main.tf:11 Invalid for_each argument: the value is derived from an ephemeral value, which terraform does not keep between plan and apply; the instances must be given by values that are not ephemeral`,
				`error main.tf:7 Invalid count argument: the value is derived from an ephemeral value, which terraform does not keep between plan and apply; the instances must be given by values that are not ephemeral`,
			},
		},
		{
			// terraform: "Reference to undeclared local value" in the
			// error_message of every kind of rule, though each condition
			// holds (each reported once the one before it is removed).
			name: "error_message checked while the condition holds",
			files: map[string]string{"main.tf": `variable "v" {
  default = 1
  validation {
    condition     = var.v > 0
    error_message = "bad ${local.nope1}"
  }
}
resource "terraform_data" "x" {
  lifecycle {
    precondition {
      condition     = var.v > 0
      error_message = "bad ${local.nope2}"
    }
  }
}
output "o" {
  value = 1
  precondition {
    condition     = var.v > 0
    error_message = "bad ${local.nope3}"
  }
}
check "c" {
  assert {
    condition     = var.v > 0
    error_message = "bad ${local.nope4}"
  }
}
`},
			diags: []string{
				`error main.tf:12 Reference to undeclared local value: local value "nope2" is not declared in DIR`,
				`error main.tf:20 Reference to undeclared local value: local value "nope3" is not declared in DIR`,
				`error main.tf:26 Reference to undeclared local value: local value "nope4" is not declared in DIR`,
				`error main.tf:5 Reference to undeclared local value: local value "nope1" is not declared in DIR`,
			},
		},
		{
			// terraform: "Error message refers to sensitive values" and
			// "... ephemeral values", warnings whether or not the
			// condition holds; a failure does not show the message.
			name: "error_message of hidden values",
			files: map[string]string{"main.tf": token + `variable "s" {
  default   = "hunter2"
  sensitive = true
}
resource "terraform_data" "x" {
  lifecycle {
    precondition {
      condition     = var.s == ""
      error_message = "s is ${var.s}"
    }
    precondition {
      condition     = var.token != ""
      error_message = "token is ${var.token}"
    }
  }
}
`},
			diags: []string{
				"error main.tf:13 Resource precondition failed: the precondition of terraform_data.x does not hold",
				"warning main.tf:14 Error message refers to sensitive values: the error_message refers to sensitive values, so it is not shown; the rule's failure says only that it does not hold",
				"warning main.tf:18 Error message refers to ephemeral values: the error_message refers to ephemeral values, so it is not shown; the rule's failure says only that it does not hold",
			},
		},
		{
			// terraform: "Zero assert blocks" when no assert of a check
			// block checks anything.
			name: "check without a valid assertion",
			files: map[string]string{"main.tf": `check "c" {
  assert {
    condition     = 1 == 2
    error_message = "constant"
  }
}
`},
			diags: []string{
				`error main.tf:1 Zero assert blocks: check "c" has no assert block that checks something`,
				`error main.tf:3 Invalid assert expression: the condition refers to nothing else in the configuration, so it checks nothing`,
			},
		},
		{
			// An ephemeral resource (terraform 1.10) is declared by its
			// block; its value is its provider's, Unknown here, and
			// ephemeral: a write-only argument and a local take it, any
			// other argument does not.
			name: "ephemeral resource",
			files: map[string]string{"main.tf": `ephemeral "random_password" "p" {
  length = 16
}
locals { pw = ephemeral.random_password.p.result }
resource "aws_db_instance" "d" {
  password_wo = ephemeral.random_password.p.result
  username    = local.pw
  name        = ephemeral.random_password.nope.result
}
`},
			diags: []string{
				`error main.tf:7 Invalid use of ephemeral value: ephemeral values are not valid for "username", which is not a write-only argument and must be kept in the state`,
				`error main.tf:8 Reference to undeclared ephemeral resource: ephemeral resource "ephemeral.random_password.nope" is not declared in DIR`,
			},
		},
		{
			// terraform: "Ephemeral value not allowed" at the output value
			// and at the module argument of a variable not declared
			// ephemeral; "Ephemeral output not allowed" for a root
			// output declared ephemeral. A child's ephemeral output
			// passes the value on, ephemeral.
			name: "ephemeral outputs and module arguments",
			files: map[string]string{
				"main.tf": token + `module "plain" {
  source = "./plain"
  in     = var.token
}
module "eph" {
  source = "./eph"
  in     = var.token
}
output "o" { value = module.eph.out }
output "e" {
  value     = "x"
  ephemeral = true
}
`,
				"plain/main.tf": `variable "in" {}
`,
				"eph/main.tf": `variable "in" { ephemeral = true }
output "out" {
  value     = var.in
  ephemeral = true
}
`,
			},
			diags: []string{
				"error main.tf:14 Ephemeral value not allowed: output o is not declared ephemeral, so its value may not be derived from an ephemeral value",
				"error main.tf:15 Ephemeral output not allowed: output e is declared ephemeral, which only outputs of child modules may be",
				"error main.tf:8 Ephemeral value not allowed: variable in of module.plain is not declared ephemeral, so it may not be set to a value derived from an ephemeral value",
			},
		},
		{
			// terraform: "Ephemeral value not allowed" at output o and
			// "Invalid use of ephemeral value" at the argument, when
			// only the child module declares anything ephemeral.
			name: "ephemeral declared below the root only",
			files: map[string]string{
				"main.tf": `module "gen" { source = "./gen" }
output "o" { value = module.gen.out }
resource "terraform_data" "d" { input = module.gen.out }
`,
				"gen/main.tf": `variable "seed" {
  default   = "s"
  ephemeral = true
}
output "out" {
  value     = var.seed
  ephemeral = true
}
`,
			},
			diags: []string{
				"error main.tf:2 Ephemeral value not allowed: output o is not declared ephemeral, so its value may not be derived from an ephemeral value",
				`error main.tf:3 Invalid use of ephemeral value: ephemeral values are not valid for "input", which is not a write-only argument and must be kept in the state`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, dir := loadTree(t, tt.files, Options{})
			if got := diagDetails(u, dir); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

// TestBodiesWithoutInstances pins what terraform 1.11.4 validates in a
// resource with no instance (count = 0): every argument, nested block and
// lifecycle condition, with count.index and each.* Unknown. An error of
// constants fails the plan; one that depends on a value does not.
func TestBodiesWithoutInstances(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		diags []string
	}{
		{
			name:  "constant function error in an argument",
			src:   "input = length(1)",
			diags: []string{"error main.tf:4 Error in function call"},
		},
		{
			name:  "constant function error in a for expression",
			src:   `input = [for s in ["a"] : length(1)]`,
			diags: []string{"error main.tf:4 Error in function call"},
		},
		{
			name:  "missing file",
			src:   `input = file("nope.txt")`,
			diags: []string{"error main.tf:4 Invalid function argument"},
		},
		{
			name:  "attribute of a constant object",
			src:   "input = { a = 1 }.b",
			diags: []string{"error main.tf:4 Unsupported attribute"},
		},
		{
			// terraform validates with variables Unknown: no error.
			name: "error that depends on a variable",
			src:  "input = length(var.v)",
		},
		{
			name:  "nested block",
			src:   "ingress {\n    from_port = length(1)\n  }",
			diags: []string{"error main.tf:5 Error in function call"},
		},
		{
			name:  "lifecycle condition",
			src:   "lifecycle {\n    precondition {\n      condition     = local.nope\n      error_message = \"x\"\n    }\n  }",
			diags: []string{"error main.tf:6 Reference to undeclared local value"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "variable \"v\" { default = 1 }\nresource \"aws_security_group\" \"x\" {\n  count = 0\n  " + tt.src + "\n}\n"
			u, dir := loadTree(t, map[string]string{"main.tf": src}, Options{})
			if got := diagLines(u, dir); !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}
