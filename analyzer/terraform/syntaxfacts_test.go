package terraform

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// sharedModule is a module whose expressions read resources attribute by
// attribute, as a whole, through a splat and through a for expression,
// so that every fact the loader caches decides something.
const sharedModule = `variable "name" {}
variable "n" {
  type    = number
  default = 2
}

resource "aws_security_group" "g" {
  count       = var.n
  name        = "${var.name}-${count.index}"
  description = "group"
}

resource "aws_security_group_rule" "r" {
  for_each          = { for i, g in aws_security_group.g : tostring(i) => g }
  security_group_id = each.value.id
  type              = "ingress"
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_s3_bucket" "b" {
  bucket = aws_security_group.g[0].name
  tags   = { Groups = join(",", aws_security_group.g[*].id) }
}

variable "rules" {
  type = map(list(any))
  default = {
    https = [443, 443, "tcp", "HTTPS"]
    ssh   = [22, 22, "tcp", "SSH"]
  }
}

variable "token" {
  default   = "not-a-real-token"
  sensitive = true
}

variable "opts" {
  type    = object({ mode = optional(string, "strict"), size = number })
  default = { size = 3 }
}

resource "aws_security_group_rule" "named" {
  for_each          = var.rules
  security_group_id = aws_security_group.g[0].id
  type              = "ingress"
  from_port         = each.value[0]
  to_port           = each.value[1]
  protocol          = each.value[2]
  description       = "${each.value[3]} ${var.opts.mode} ${var.opts.size}"
}

resource "aws_ssm_parameter" "p" {
  name  = "token"
  type  = "SecureString"
  value = var.token
}

output "groups" {
  value = aws_security_group.g
}

output "bucket" {
  value = aws_s3_bucket.b.bucket
}
`

// TestSharedLoaderMatchesFreshLoader loads roots one after the other
// with one loader, which keeps the modules it parsed and the syntax facts
// of their expressions, and gets, for each root, the unit a loader of its
// own gives: roots calling one module with the same inputs, with
// different inputs, and as many instances of it.
func TestSharedLoaderMatchesFreshLoader(t *testing.T) {
	call := func(name string, extra string) string {
		return "module \"m\" {\n  source = \"../mod\"\n  name   = \"" + name + "\"\n" + extra + "}\n\n" +
			"output \"groups\" {\n  value = module.m.groups\n}\n\n" +
			"resource \"aws_s3_bucket\" \"copy\" {\n  bucket = module.m.bucket\n}\n"
	}
	dir := writeTree(t, map[string]string{
		"mod/main.tf":    sharedModule,
		"a/main.tf":      call("web", ""),
		"b/main.tf":      call("web", ""),
		"c/main.tf":      call("db", "  n      = 3\n"),
		"d/main.tf":      call("web", "  n      = 0\n"),
		"e/main.tf":      "module \"m\" {\n  source   = \"../mod\"\n  for_each = toset([\"x\", \"y\"])\n  name     = each.key\n}\n",
		"e/extra.tf":     "resource \"aws_s3_bucket\" \"all\" {\n  for_each = module.m\n  bucket   = each.value.bucket\n}\n",
		"f/main.tf.json": `{"module": {"m": {"source": "../mod", "name": "json-${upper(\"x\")}"}}, "output": {"b": {"value": "${module.m.bucket}"}}}`,
	})
	opts := Options{Root: dir}
	shared := newLoader(dir)
	for _, root := range []string{"a", "b", "c", "d", "e", "f", "a", "c"} {
		rootDir := filepath.Join(dir, root)
		got := loadRoot(context.Background(), shared, rootDir, opts)
		want := loadRoot(context.Background(), newLoader(dir), rootDir, opts)
		if len(want.Resources) == 0 {
			t.Fatalf("root %s: no resources; the test module is broken: %v", root, want.Diagnostics)
		}
		// The order of the edges one expression gives several
		// instances of a resource follows a map's (its values' marks),
		// with any loader.
		sortEdges(got.Edges)
		sortEdges(want.Edges)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("root %s: with the shared loader\n%+v\nwith its own\n%+v", root, got, want)
		}
	}
	if len(shared.exprs) == 0 {
		t.Errorf("the shared loader cached no expression facts")
	}
}

func sortEdges(edges []graph.Edge) {
	slices.SortFunc(edges, func(a, b graph.Edge) int {
		return strings.Compare(fmt.Sprintf("%+v", a), fmt.Sprintf("%+v", b))
	})
}

// TestExprFacts: the cached facts are those computed from the syntax,
// and an expression rewritten from JSON is not cached.
func TestExprFacts(t *testing.T) {
	src := `x = [for s in aws_subnet.a : s.id if s.tags["Tier"] == var.tier]
y = aws_instance.web[count.index].arn
z = lookup(aws_vpc.v, "cidr_block", null)
`
	f, diags := hclsyntax.ParseConfig([]byte(src), "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	l := newLoader("")
	for name, a := range f.Body.(*hclsyntax.Body).Attributes {
		facts := l.facts(a.Expr)
		if got, want := facts.vars, a.Expr.Variables(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: vars %v, want %v", name, got, want)
		}
		if got, want := facts.attrNames(a.Expr), attrNamesOfExpr(a.Expr, a.Expr.Variables()); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: attribute names %v, want %v", name, got, want)
		}
		want := consumedTraversals(a.Expr)
		if want == nil {
			want = map[hcl.Range]bool{}
		}
		if got := facts.consumedRefs(a.Expr); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: consumed %v, want %v", name, got, want)
		}
		if l.facts(a.Expr) != facts {
			t.Errorf("%s: facts computed again", name)
		}
	}
	jsonExpr := &hclsyntax.ScopeTraversalExpr{
		Traversal: hcl.Traversal{hcl.TraverseRoot{Name: "var"}, hcl.TraverseAttr{Name: "x"}},
		SrcRange:  hcl.Range{Filename: "main.tf.json"},
	}
	l.facts(jsonExpr)
	if _, cached := l.exprs[jsonExpr]; cached {
		t.Errorf("an expression of a .tf.json file is cached")
	}
}
