package synclone

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// everyNode holds every kind of node the native syntax parser gives.
const everyNode = `# every node
variable "v" {
  type    = list(object({ a = string }))
  default = []
}

locals {
  literal   = 1.5
  neg       = -local.literal
  not       = !true
  sum       = (1 + 2) * 3 >= 4 && false || true
  cond      = var.v == null ? "a" : "b"
  index     = var.v[0]
  key       = local.m["k"]
  tuple     = [1, "two", null]
  object    = { a = 1, "b" = 2, (local.k) = 3 }
  call      = concat(var.v, [1]...)
  provider  = provider::aws::arn_parse("arn:aws:s3:::b")
  for_list  = [for i, x in var.v : x.a if i > 0]
  for_map   = { for x in var.v : x.a => x... }
  splat     = var.v[*].a
  legacy    = var.v.*.a
  splat_idx = aws_instance.web[*].tags["Name"]
  template  = "a-${var.v[0].a}-%{if true}yes%{else}no%{endif}"
  for_tmpl  = "%{for x in var.v}${x.a},%{endfor}"
  wrap      = "${var.v}"
  heredoc   = <<-EOT
    line ${local.literal}
  EOT
  relative  = tolist(var.v)[0].a
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  dynamic "rule" {
    for_each = var.v
    content {
      id = rule.value.a
    }
  }
  lifecycle {
    ignore_changes = [tags]
  }
}
`

func parse(t *testing.T, src, name string) *hclsyntax.Body {
	t.Helper()
	f, diags := hclsyntax.ParseConfig([]byte(src), name, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("parse %s: %v", name, diags)
	}
	return f.Body.(*hclsyntax.Body)
}

// TestBodyIsTheParseUnderTheOtherName: the copy of a parsed tree is what
// parsing the same source under the other name gives, and shares no node
// with the original.
func TestBodyIsTheParseUnderTheOtherName(t *testing.T) {
	orig := parse(t, everyNode, "a/main.tf")
	got, ok := Body(orig, "b/main.tf", nil)
	if !ok {
		t.Fatal("a node was not copied")
	}
	if want := parse(t, everyNode, "b/main.tf"); !reflect.DeepEqual(got, want) {
		t.Error("the copy differs from the parse under the other name")
	}
	if again := parse(t, everyNode, "a/main.tf"); !reflect.DeepEqual(orig, again) {
		t.Error("copying changed the original")
	}
	origNodes, copyNodes := nodes(orig), nodes(got)
	if len(origNodes) != len(copyNodes) || len(origNodes) < 100 {
		t.Fatalf("%d nodes copied from %d", len(copyNodes), len(origNodes))
	}
	for n := range copyNodes {
		if origNodes[n] {
			t.Errorf("the copy shares the node %T", n)
		}
	}
}

// nodes is the set of nodes a walk finds below n, those that are
// pointers (the walk also gives a body's Attributes and Blocks).
func nodes(n hclsyntax.Node) map[hclsyntax.Node]bool {
	out := map[hclsyntax.Node]bool{}
	_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		if reflect.ValueOf(n).Kind() == reflect.Pointer {
			out[n] = true
		}
		return nil
	})
	return out
}

// TestSplatSymbolIsShared: in the copy as in the parse, a splat's Each
// reads the splat's own symbol, not another one, or evaluating it would
// find no value for it.
func TestSplatSymbolIsShared(t *testing.T) {
	got, ok := Body(parse(t, "x = var.v[*].a\n", "a.tf"), "b.tf", nil)
	if !ok {
		t.Fatal("a node was not copied")
	}
	splat := got.Attributes["x"].Expr.(*hclsyntax.SplatExpr)
	each := splat.Each.(*hclsyntax.RelativeTraversalExpr)
	if each.Source != splat.Item {
		t.Error("the copied Each reads another symbol than the copied Item")
	}
}

// TestUnknownNode: a node the copier does not know is reported, and
// unwrap lets a caller undo its own wrapper first.
func TestUnknownNode(t *testing.T) {
	b := parse(t, "x = [for v in var.l : v]\n", "a.tf")
	f := b.Attributes["x"].Expr.(*hclsyntax.ForExpr)
	inner := f.ValExpr
	f.ValExpr = &wrapper{Expression: inner}
	if _, ok := Body(b, "b.tf", nil); ok {
		t.Error("a wrapper the copier does not know was copied")
	}
	unwrap := func(e hclsyntax.Expression) hclsyntax.Expression {
		if w, ok := e.(*wrapper); ok {
			return w.Expression
		}
		return e
	}
	got, ok := Body(b, "b.tf", unwrap)
	if !ok {
		t.Fatal("the unwrapped tree was not copied")
	}
	if want := parse(t, "x = [for v in var.l : v]\n", "b.tf"); !reflect.DeepEqual(got, want) {
		t.Error("the unwrapped copy differs from the parse")
	}
}

type wrapper struct{ hclsyntax.Expression }

// TestMovedAttributeIsTheParseThere: an attribute on a line of its own,
// copied with its positions moved to where the same line stands in
// another file, is what parsing that file gives there; one spanning lines
// moves as well.
func TestMovedAttributeIsTheParseThere(t *testing.T) {
	orig := parse(t, everyNode, "a/main.tf")
	locals := orig.Blocks[1].Body
	src := []byte(everyNode)
	// Another file: the same attributes, one per block, under lines that
	// shift them by other numbers of lines and bytes (é is two bytes and
	// one column).
	var other strings.Builder
	type placed struct {
		name string
		at   hcl.Pos // where the attribute's line starts in other
	}
	var moved []placed
	for _, name := range slices.Sorted(maps.Keys(locals.Attributes)) {
		a := locals.Attributes[name]
		start := bytes.LastIndexByte(src[:a.SrcRange.Start.Byte], '\n') + 1
		end := a.SrcRange.End.Byte + bytes.IndexByte(src[a.SrcRange.End.Byte:], '\n') + 1
		fmt.Fprintf(&other, "# é %s\nlocals {\n", strings.Repeat("x", len(moved)))
		lines := strings.Count(other.String(), "\n")
		moved = append(moved, placed{name, hcl.Pos{Line: lines + 1, Column: 1, Byte: other.Len()}})
		other.Write(src[start:end])
		other.WriteString("}\n\n")
	}
	parsed := parse(t, other.String(), "b/main.tf")
	for i, p := range moved {
		a := locals.Attributes[p.name]
		lineStart := bytes.LastIndexByte(src[:a.SrcRange.Start.Byte], '\n') + 1
		from := hcl.Pos{Line: a.SrcRange.Start.Line, Byte: lineStart}
		o := Options{Filename: "b/main.tf", Move: func(q hcl.Pos) hcl.Pos {
			q.Line += p.at.Line - from.Line
			q.Byte += p.at.Byte - from.Byte
			return q
		}}
		got, ok := o.Attribute(a)
		if !ok {
			t.Fatalf("%s: a node was not copied", p.name)
		}
		want := parsed.Blocks[i].Body.Attributes[p.name]
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the moved copy differs from the parse at line %d", p.name, p.at.Line)
		}
	}
	if len(moved) < 20 {
		t.Fatalf("only %d attributes moved", len(moved))
	}
}

func FuzzBodyIsTheParseUnderTheOtherName(f *testing.F) {
	f.Add([]byte(everyNode))
	f.Add([]byte("a = b[*].c[*]\n"))
	f.Add([]byte("a = \"%{for k, v in m}${k}%{endfor}\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, diags := hclsyntax.ParseConfig(src, "a.tf", hcl.InitialPos)
		if diags.HasErrors() {
			return
		}
		got, ok := Body(a.Body.(*hclsyntax.Body), "b.tf", nil)
		if !ok {
			t.Fatalf("a node was not copied:\n%s", src)
		}
		b, _ := hclsyntax.ParseConfig(src, "b.tf", hcl.InitialPos)
		if !reflect.DeepEqual(got, b.Body) {
			t.Fatalf("the copy differs from the parse under the other name:\n%s", src)
		}
	})
}
