package terraform

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestTraverseAbsWithoutContext: a reference traversed on the value the
// builder holds under its name gives what traversing the assembled
// evaluation context gives, value, marks and diagnostics alike, whether
// the builder looks its values through one by one or indexes them.
func TestTraverseAbsWithoutContext(t *testing.T) {
	for _, extra := range []int{0, maxScannedNames} {
		t.Run(fmt.Sprintf("%d more", extra), func(t *testing.T) { testTraverseAbsWithoutContext(t, extra) })
	}
}

func testTraverseAbsWithoutContext(t *testing.T, extra int) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"id":   cty.StringVal("sg-1").Mark(refMark{Resource: "aws_security_group.g", Attr: "id"}),
		"tags": cty.MapVal(map[string]cty.Value{"Name": cty.StringVal("g")}),
	})
	ns := map[string]map[string]cty.Value{
		"var":                {"name": cty.StringVal("web"), "list": cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), "nothing": cty.NullVal(cty.DynamicPseudoType), "later": cty.DynamicVal},
		"local":              {"obj": obj},
		"aws_security_group": {"g": obj},
	}
	refs := []string{
		"var.name", "var.list[1]", "var.list[5]", "var.name.length", "var.nothing.x", "var.later.x",
		"local.obj.id", "local.obj.tags[\"Name\"]", "local.obj.tags[\"None\"]", "local.obj.missing",
		"aws_security_group.g.id", "aws_security_group.g",
		"var.undeclared", "each.key",
	}
	for i := range extra {
		name := fmt.Sprintf("extra%d", i)
		ns["var"][name] = cty.NumberIntVal(int64(i))
		refs = append(refs, "var."+name)
	}
	for _, ref := range refs {
		t.Run(ref, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(ref), "x.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			trav := expr.(*hclsyntax.ScopeTraversalExpr).Traversal
			b := &builder{s: &scope{ev: &evaluator{}}}
			for root, m := range ns {
				for name, v := range m {
					b.put(root, name, v)
				}
			}
			b.put("var", "name", ns["var"]["name"]) // put again: still one
			if got, want := len(b.ns), len(ns["var"])+len(ns["local"])+len(ns["aws_security_group"]); got != want {
				t.Fatalf("builder holds %d values, want %d", got, want)
			}
			if indexed := len(b.ns) > maxScannedNames; indexed != (b.byName != nil) {
				t.Fatalf("%d values held, indexed %t", len(b.ns), b.byName != nil)
			}
			got, gotDiags := b.traverseAbs(trav)
			want, wantDiags := trav.TraverseAbs(b.ctx())
			if !got.RawEquals(want) {
				t.Errorf("value %#v, want %#v", got, want)
			}
			if fmt.Sprint(gotDiags) != fmt.Sprint(wantDiags) || !reflect.DeepEqual(subjects(gotDiags), subjects(wantDiags)) {
				t.Errorf("diagnostics %v, want %v", gotDiags, wantDiags)
			}
		})
	}
}

func subjects(diags hcl.Diagnostics) []hcl.Range {
	var out []hcl.Range
	for _, d := range diags {
		if d.Subject != nil {
			out = append(out, *d.Subject)
		}
	}
	return out
}
