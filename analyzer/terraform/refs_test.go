package terraform

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// loadFiles writes files (path -> content) below a temporary directory
// and loads its root module "." with them.
func loadFiles(t *testing.T, files map[string]string) *graph.Unit {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
	if len(units) != 1 {
		t.Fatalf("got %d units, want 1", len(units))
	}
	return units[0]
}

func refString(v *graph.Value) string {
	if v == nil || v.Ref == nil {
		return ""
	}
	return v.Ref.Resource + "." + v.Ref.Attr
}

// edgesFrom lists the ref edges of one resource as "to.attr path".
func edgesFrom(u *graph.Unit, from string) []string {
	var out []string
	for _, e := range u.Edges {
		if e.From == from && e.Kind == graph.EdgeRef {
			out = append(out, e.To+"."+e.Attr+" "+e.Path.String())
		}
	}
	return out
}

func noErrors(t *testing.T, u *graph.Unit) {
	t.Helper()
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			t.Errorf("diagnostic %s %s: %s (%s)", d.Severity, d.Location, d.Summary, d.Detail)
		}
	}
}

const refsMain = `
variable "sg_id" {
  type = string
}

variable "null_sg" {
  type    = string
  default = null
}

variable "flag" {
  type = bool
}

variable "create" {
  type    = bool
  default = true
}

resource "aws_security_group" "this" {
  count = 1
  name  = "this"
}

resource "aws_security_group" "none" {
  count = 0
  name  = "none"
}

resource "aws_security_group" "x" {
  name = "x"
}

resource "aws_security_group" "y" {
  name = "y"
}

locals {
  this_id = var.create ? concat(aws_security_group.this.*.id, aws_security_group.none.*.id, [""])[0] : var.sg_id
  ids     = concat(aws_security_group.this.*.id, [aws_security_group.y.id])
  suffix  = "${aws_security_group.x.id}-suffix"
}

module "child" {
  source = "./child"
  sg_id  = try(aws_security_group.x.id, "")
}

resource "r" "concat" {
  security_group_id = concat(aws_security_group.this.*.id, [""])[0]
}
resource "r" "concat_two" {
  security_group_id = concat(aws_security_group.this.*.id, [aws_security_group.y.id])[0]
}
resource "r" "try" {
  security_group_id = try(aws_security_group.x.id, "")
}
resource "r" "one" {
  security_group_id = one(aws_security_group.this[*].id)
}
resource "r" "element" {
  security_group_id = element(concat(aws_security_group.this.*.id, [""]), 0)
}
resource "r" "splat_index" {
  security_group_id = aws_security_group.this.*.id[0]
}
resource "r" "splat_each_index" {
  # A full splat applies [0] to each id (an error once the id is known).
  security_group_id = aws_security_group.this[*].id[0]
}
resource "r" "local" {
  security_group_id = local.this_id
}
resource "r" "local_index" {
  security_group_id = local.ids[1]
}
resource "r" "known_condition" {
  security_group_id = var.create ? aws_security_group.x.id : aws_security_group.y.id
}
resource "r" "self_condition" {
  security_group_id = aws_security_group.x.id != "" ? aws_security_group.x.id : "none"
}
resource "r" "coalesce_null" {
  security_group_id = coalesce(var.null_sg, aws_security_group.x.id)
}
resource "r" "list" {
  ids = tolist([for g in aws_security_group.this : g.id])
}
resource "r" "one_of_two_suffix" {
  security_group_id = local.suffix
}
resource "r" "upper" {
  security_group_id = upper(aws_security_group.x.id)
}
resource "r" "two" {
  security_group_id = "${aws_security_group.x.id}-${aws_security_group.y.id}"
}
resource "r" "unknown_condition" {
  security_group_id = var.flag ? aws_security_group.x.id : aws_security_group.y.id
}
resource "r" "unknown_condition_literal" {
  security_group_id = var.flag ? aws_security_group.x.id : "sg-123"
}
resource "r" "coalesce_unknown" {
  security_group_id = coalesce(var.sg_id, aws_security_group.x.id)
}
`

const refsChild = `
variable "sg_id" {
  type = string
}

resource "r" "in_child" {
  security_group_id = concat([var.sg_id], [""])[0]
}
`

// TestReferenceIdentity checks that an Unknown standing for one resource's
// attribute keeps that identity (a Ref) through functions, indexing,
// splats, conditionals, locals and module inputs, and that a value which
// only may be, or is computed from, an attribute gets edges but no Ref.
func TestReferenceIdentity(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": refsMain, "child/main.tf": refsChild})
	noErrors(t, u)
	tests := []struct {
		res, attr string
		path      graph.Path
		ref       string   // "" when the value must have no Ref
		edges     []string // the resource's ref edges, when non-nil
	}{
		{res: "r.concat", ref: "aws_security_group.this[0].id"},
		{res: "r.concat_two", ref: "aws_security_group.this[0].id"},
		{res: "r.try", ref: "aws_security_group.x.id"},
		{res: "r.one", ref: "aws_security_group.this[0].id"},
		{res: "r.element", ref: "aws_security_group.this[0].id"},
		{res: "r.splat_index", ref: "aws_security_group.this[0].id"},
		{res: "r.local", ref: "aws_security_group.this[0].id"},
		// The local depends on both groups; the element read is the one.
		{res: "r.local_index", ref: "aws_security_group.y.id", edges: []string{"aws_security_group.y.id security_group_id"}},
		{res: "r.known_condition", ref: "aws_security_group.x.id"},
		{res: "r.self_condition", ref: "aws_security_group.x.id"},
		{res: "r.coalesce_null", ref: "aws_security_group.x.id"},
		{res: "r.list", attr: "ids", path: graph.Path{0}, ref: "aws_security_group.this[0].id"},
		{res: "module.child.r.in_child", ref: "aws_security_group.x.id"},
		// Computed from one attribute, or maybe one of several: edges
		// to each, no Ref.
		{res: "r.one_of_two_suffix", edges: []string{"aws_security_group.x.id security_group_id"}},
		{res: "r.splat_each_index", path: graph.Path{0}, edges: []string{"aws_security_group.this[0].id security_group_id[0]"}},
		{res: "r.upper", edges: []string{"aws_security_group.x.id security_group_id"}},
		{res: "r.two", edges: []string{"aws_security_group.x.id security_group_id", "aws_security_group.y.id security_group_id"}},
		{res: "r.unknown_condition", edges: []string{"aws_security_group.x.id security_group_id", "aws_security_group.y.id security_group_id"}},
		{res: "r.unknown_condition_literal", edges: []string{"aws_security_group.x.id security_group_id"}},
		{res: "r.coalesce_unknown", edges: []string{"aws_security_group.x.id security_group_id"}},
	}
	for _, tc := range tests {
		r := u.Resource(tc.res)
		if r == nil {
			t.Errorf("no resource %s", tc.res)
			continue
		}
		attr := tc.attr
		if attr == "" {
			attr = "security_group_id"
		}
		v := r.Attrs.At(append(graph.Path{attr}, tc.path...))
		if v == nil {
			t.Errorf("%s: no %s%s", tc.res, attr, tc.path)
			continue
		}
		if got := refString(v); got != tc.ref {
			t.Errorf("%s: ref %q, want %q (%#v)", tc.res, got, tc.ref, v)
		}
		if tc.edges != nil {
			compareSets(t, tc.res+" edges", edgesFrom(u, tc.res), tc.edges)
		}
	}
}

const wholeMain = `
resource "aws_security_group" "g" {
  for_each = toset(["a", "b"])
  name     = "sg-${each.key}"
}

resource "aws_vpc" "c" {
  count      = 2
  cidr_block = "10.${count.index}.0.0/16"
}

resource "aws_security_group_rule" "each" {
  for_each          = aws_security_group.g
  security_group_id = each.value.id
  description       = each.value.name
}

resource "aws_security_group_rule" "each_through_function" {
  for_each          = aws_security_group.g
  security_group_id = try(each.value.id, "")
}

locals {
  groups = aws_security_group.g
}

resource "x" "via_local" {
  for_each = local.groups
  sg       = each.value.id
}

module "child" {
  source = "./child"
  groups = aws_security_group.g
  raw    = aws_security_group.g
}

resource "x" "functions" {
  keys_of_instance = keys(aws_security_group.g["a"])
  keys_of_map      = keys(aws_security_group.g)
  count_length     = length(aws_vpc.c)
  lookup_missing   = lookup(aws_security_group.g["a"], "arn", "none")
  encoded          = jsonencode(aws_vpc.c[0])
  tags             = merge({ a = "b" }, { c = aws_vpc.c[1].cidr_block })
}

resource "x" "whole_attr" {
  group   = aws_security_group.g["a"]
  encoded = jsonencode(aws_vpc.c[0])
}

resource "terraform_data" "a" {
  input = "x"
}

resource "terraform_data" "b" {}

resource "x" "data" {
  whole    = terraform_data.a
  keys     = keys(terraform_data.a)
  b_input  = terraform_data.b.input
  b_output = terraform_data.b.output
  a_output = terraform_data.a.output
}

module "m" {
  source = "./m"
}

module "mc" {
  source = "./m"
  count  = 2
}

module "me" {
  source   = "./m"
  for_each = toset(["k"])
}

resource "x" "modules" {
  lookup = lookup(module.m, "out", "d")
  keys   = keys(module.m)
  whole  = module.m
  counted = module.mc
  by_key  = module.me
}
`

const wholeChild = `
variable "groups" {
  type = map(object({ id = string, name = string }))
}

variable "raw" {}

resource "x" "in_child" {
  for_each = var.groups
  sg       = each.value.id
  name     = each.value.name
}

# owner_id is read nowhere but in this module.
resource "x" "raw_in_child" {
  for_each = var.raw
  owner    = each.value.owner_id
}
`

const wholeModule = `
output "out" {
  value = "o"
}

output "other" {
  value = 2
}
`

// TestWholeObjects checks resources and module calls used as whole
// values: for_each over a resource, through a local and a module input,
// the functions that look at key sets, terraform_data's known schema and
// module objects (checked against terraform plan).
func TestWholeObjects(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": wholeMain, "child/main.tf": wholeChild, "m/main.tf": wholeModule})
	noErrors(t, u)
	tests := []struct {
		res  string
		path graph.Path
		want string
		ref  string
	}{
		{res: `aws_security_group_rule.each["a"]`, path: graph.Path{"security_group_id"}, want: `(unknown aws_security_group.g["a"].id)`, ref: `aws_security_group.g["a"].id`},
		{res: `aws_security_group_rule.each["b"]`, path: graph.Path{"description"}, want: `"sg-b"`},
		{res: `aws_security_group_rule.each_through_function["b"]`, path: graph.Path{"security_group_id"}, ref: `aws_security_group.g["b"].id`},
		{res: `x.via_local["b"]`, path: graph.Path{"sg"}, ref: `aws_security_group.g["b"].id`},
		{res: `module.child.x.in_child["a"]`, path: graph.Path{"sg"}, ref: `aws_security_group.g["a"].id`},
		{res: `module.child.x.in_child["a"]`, path: graph.Path{"name"}, want: `"sg-a"`},
		{res: `module.child.x.raw_in_child["b"]`, path: graph.Path{"owner"}, ref: `aws_security_group.g["b"].owner_id`},
		// Without a provider schema the attribute set of an aws_*
		// resource is not known: its keys are Unknown, a key it lacks
		// stands for that attribute.
		{res: "x.functions", path: graph.Path{"keys_of_instance"}, want: "(unknown)"},
		{res: "x.functions", path: graph.Path{"keys_of_map"}, want: `["a", "b"]`},
		{res: "x.functions", path: graph.Path{"count_length"}, want: "2"},
		{res: "x.functions", path: graph.Path{"lookup_missing"}, ref: `aws_security_group.g["a"].arn`},
		{res: "x.functions", path: graph.Path{"encoded"}, want: "(unknown)"},
		{res: "x.whole_attr", path: graph.Path{"group"}, want: `(unknown aws_security_group.g["a"])`, ref: `aws_security_group.g["a"].`},
		{res: "x.functions", path: graph.Path{"tags"}, want: `{a: "b", c: "10.1.0.0/16"}`},
		// terraform plan: {id = (known after apply), input = "x",
		// output = (known after apply), triggers_replace = null}.
		{res: "x.data", path: graph.Path{"whole"}, want: `{id: (unknown terraform_data.a.id), input: "x", output: (unknown terraform_data.a.output), triggers_replace: null}`},
		{res: "x.data", path: graph.Path{"keys"}, want: `["id", "input", "output", "triggers_replace"]`},
		{res: "x.data", path: graph.Path{"b_input"}, want: "null"},
		{res: "x.data", path: graph.Path{"b_output"}, want: "null"},
		{res: "x.data", path: graph.Path{"a_output"}, ref: "terraform_data.a.output"},
		{res: "x.modules", path: graph.Path{"lookup"}, want: `"o"`},
		{res: "x.modules", path: graph.Path{"keys"}, want: `["other", "out"]`},
		{res: "x.modules", path: graph.Path{"whole"}, want: `{other: 2, out: "o"}`},
		{res: "x.modules", path: graph.Path{"counted"}, want: `[{other: 2, out: "o"}, {other: 2, out: "o"}]`},
		{res: "x.modules", path: graph.Path{"by_key"}, want: `{k: {other: 2, out: "o"}}`},
	}
	// A whole aws_* resource in an attribute is that resource, not a map
	// of the attribute names rampart collected, and one edge.
	compareSets(t, "x.whole_attr edges", edgesFrom(u, "x.whole_attr"),
		[]string{`aws_security_group.g["a"]. group`, "aws_vpc.c[0]. encoded"})
	for _, tc := range tests {
		r := u.Resource(tc.res)
		if r == nil {
			t.Errorf("no resource %s", tc.res)
			continue
		}
		v := r.Attrs.At(tc.path)
		if tc.want != "" && v.GoString() != tc.want {
			t.Errorf("%s %s = %s, want %s", tc.res, tc.path, v.GoString(), tc.want)
		}
		if tc.ref != "" && refString(v) != tc.ref {
			t.Errorf("%s %s: ref %q, want %q (%#v)", tc.res, tc.path, refString(v), tc.ref, v)
		}
	}
}

const provenanceMain = `
variable "m" {
  default = { k = "v" }
}

variable "d" {
  default = "fallback"
}

variable "settings" {
  type = object({
    name = string
    rules = optional(list(object({
      port = number
      cidr = optional(string, "10.0.0.0/8")
    })), [])
  })
  default = {
    name = "logs"
  }
}

variable "given" {
  type = object({
    rules = list(object({
      port = number
      cidr = optional(string, "10.0.0.0/8")
    }))
  })
  default = {
    rules = [{ port = 443 }, { port = 22, cidr = "0.0.0.0/0" }]
  }
}

resource "x" "p" {
  found    = lookup(var.m, "k", var.d)
  fallback = lookup(var.m, "z", var.d)
  both     = "${var.m.k}-${var.d}"
  added    = var.settings.rules
  cidr     = var.given.rules[0].cidr
  written  = var.given.rules[1].cidr
}
`

// TestProvenanceHops checks that a value's trace holds the hops the value
// took: not an input a function read but did not return (lookup's
// default when the key is there), and, for an attribute an optional()
// default added, the default's own line.
func TestProvenanceHops(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": provenanceMain})
	noErrors(t, u)
	r := u.Resource("x.p")
	if r == nil {
		t.Fatal("no resource x.p")
	}
	tests := []struct {
		attr  string
		want  string
		trace []string
	}{
		{attr: "found", want: `"v"`, trace: []string{"main.tf:3 default of variable m"}},
		{attr: "fallback", want: `"fallback"`, trace: []string{"main.tf:7 default of variable d"}},
		{attr: "both", want: `"v-fallback"`, trace: []string{"main.tf:3 default of variable m", "main.tf:7 default of variable d"}},
		{attr: "added", want: "[]", trace: []string{"main.tf:16 optional() default in the type of variable settings", "main.tf:18 default of variable settings"}},
		{attr: "cidr", want: `"10.0.0.0/8"`, trace: []string{"main.tf:27 optional() default in the type of variable given", "main.tf:31 default of variable given"}},
		{attr: "written", want: `"0.0.0.0/0"`, trace: []string{"main.tf:31 default of variable given"}},
	}
	for _, tc := range tests {
		v := r.Attrs.Get(tc.attr)
		if v.GoString() != tc.want {
			t.Errorf("%s = %s, want %s", tc.attr, v.GoString(), tc.want)
		}
		var got []string
		for _, h := range v.Trace {
			got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(h.File), h.StartLine, h.Note))
		}
		if strings.Join(got, " | ") != strings.Join(tc.trace, " | ") {
			t.Errorf("%s: trace\n  %s\nwant\n  %s", tc.attr, strings.Join(got, " | "), strings.Join(tc.trace, " | "))
		}
	}
}
