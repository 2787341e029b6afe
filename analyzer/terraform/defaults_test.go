package terraform

import (
	"context"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestLiteralExpr: only expressions made of literals are taken for
// defaults whose value is the same everywhere.
func TestLiteralExpr(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{`"web"`, true},
		{`42`, true},
		{`null`, true},
		{`["a", 1, true, null]`, true},
		{`{ a = 1, "b" = [2], 3 = { c = "d" } }`, true},
		{"<<EOT\nliteral\nEOT\n", true},
		{`("x")`, true},
		{`"web-${var.env}"`, false},
		{`upper("web")`, false},
		{`[for x in [1, 2] : x]`, false},
		{`var.x`, false},
		{`{ (var.k) = 1 }`, false},
		{`{ null = 1 }`, true},
		{`1 + 1`, false},
		{`true ? 1 : 2`, false},
	}
	for _, tt := range tests {
		expr, diags := hclsyntax.ParseExpression([]byte(tt.src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.src, diags)
		}
		if got := literalExpr(expr); got != tt.want {
			t.Errorf("literalExpr(%s) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestLiteralDefaultIsShared: the instances that read a literal default
// get the shadow the loader cached, built once.
func TestLiteralDefaultIsShared(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": "variable \"tags\" {\n  default = { Team = \"a\" }\n}\n",
	})
	l := newLoader(dir)
	ev := &evaluator{ctx: context.Background(), loader: l}
	vc := l.config(filepath.Clean(dir)).variables["tags"]
	_, first, ok := ev.literalDefault(vc)
	if !ok {
		t.Fatal("a literal default is not cached")
	}
	if _, second, _ := ev.literalDefault(vc); first != second {
		t.Errorf("two instances got two shadows of one cached default")
	}
}

// sharedDefaultsModule reads its literal defaults every way a shadow is
// used: as a whole and by element, in resources and dynamic blocks,
// through conditionals, merge and jsonencode, sensitive, with optional()
// attributes, in outputs; the callers give some and not others, in
// several instances and roots.
var sharedDefaultsModule = map[string]string{
	"mod/main.tf": `
variable "tags" {
  default = { Team = "a", Env = "dev" }
}
variable "rules" {
  default = { http = [80, 80, "tcp", "HTTP"], ssh = [22, 22, "tcp", "SSH"] }
}
variable "secret" {
  default   = "hunter2"
  sensitive = true
}
variable "settings" {
  type    = object({ a = optional(string, "x"), b = optional(list(string), ["y"]) })
  default = { a = "given" }
}
variable "cidrs" {
  default = ["10.0.0.0/8", "0.0.0.0/0"]
}
resource "aws_security_group" "g" {
  count       = var.tags.Team == "a" ? 1 : 0
  name        = var.secret
  description = jsonencode(var.tags)
  tags        = var.tags
  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value[0]
      to_port     = ingress.value[1]
      protocol    = ingress.value[2]
      description = ingress.value[3]
      cidr_blocks = var.cidrs
    }
  }
}
resource "aws_s3_bucket" "b" {
  bucket = var.settings.a
  tags   = merge(var.tags, { Name = var.settings.b[0] })
}
resource "aws_security_group_rule" "r" {
  for_each          = toset(var.cidrs)
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = [each.value]
  security_group_id = aws_security_group.g[0].id
}
output "tags" {
  value = var.tags
}
output "secret" {
  value     = var.secret
  sensitive = true
}
output "first_cidr" {
  value = var.tags.Env == "dev" ? var.cidrs[1] : var.cidrs[0]
}
`,
	"one/main.tf": `
module "plain" {
  source = "../mod"
}
module "given" {
  source = "../mod"
  tags   = { Team = "b" }
}
resource "aws_s3_bucket" "c" {
  bucket = module.plain.first_cidr
  tags   = module.plain.tags.Team == "a" ? module.plain.tags : module.given.tags
}
`,
	"two/main.tf": `
module "m" {
  source   = "../mod"
  for_each = toset(["x", "y"])
  settings = { b = ["z"] }
}
output "tags" {
  value = module.m["x"].tags
}
`,
}

// TestCachedDefaultsStayAsBuilt: every instance shares a cached
// default's shadow, so nothing may change it. It loads, through one
// loader each, the roots of sharedDefaultsModule and every root of the
// Terraform corpora of testdata (the differential configurations checked
// against terraform plan among them), then builds each default the
// loader cached again from scratch and compares.
func TestCachedDefaultsStayAsBuilt(t *testing.T) {
	corpus, err := filepath.Abs(filepath.Join("..", "..", "testdata", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	for name, base := range map[string]string{"shared": writeTree(t, sharedDefaultsModule), "corpus": corpus} {
		t.Run(name, func(t *testing.T) {
			var dirs []string
			_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".tf") || strings.HasSuffix(p, ".tf.json")) {
					if dir := filepath.Dir(p); !slices.Contains(dirs, dir) {
						dirs = append(dirs, dir)
					}
				}
				return nil
			})
			opts := Options{Root: base}
			l := loaderFor(opts)
			for _, root := range findRoots(l, dirs) {
				loadRoot(context.Background(), l, root, opts)
			}
			if name == "shared" && len(l.defaults) < 5 {
				t.Fatalf("%d defaults cached, want the module's 5", len(l.defaults))
			}
			for vc, d := range l.defaults {
				val, sh := (&scope{ev: &evaluator{ctx: context.Background(), loader: newLoader(base)}}).eval(vc.def)
				conv, built, err := finishValue(vc, val, sh)
				if err != nil {
					t.Fatalf("variable %s at %s: %v", vc.name, vc.declRange, err)
				}
				if !conv.RawEquals(d.val) || !reflect.DeepEqual(built, d.sh) {
					t.Errorf("variable %s at %s: the cached default changed after it was built", vc.name, vc.declRange)
				}
			}
		})
	}
}
