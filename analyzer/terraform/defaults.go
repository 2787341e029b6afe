package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// finishedDefault is a variable's default as every instance without a
// value for the variable gets it: converted to the variable's type, with
// its shadow.
type finishedDefault struct {
	val cty.Value
	sh  *graph.Value
}

// literalDefault is the value of vc's default when it is written with
// literals only (literalExpr): evaluating such a default reads nothing,
// runs no loop and reports nothing, so its value and shadow are the same
// in every instance and root. The loader keeps it with the parsed module
// (a module's large defaults, such as a table of rules, were evaluated,
// converted and annotated again for every instance). Every instance gets
// the same shadow: shadows are not changed once built (graph.Value), a
// use derives its own from it, and TestCachedDefaultsStayAsBuilt holds
// that over the test corpora. A copy per instance was a fifth of what the
// collector found live while terraform-aws-security-group's examples
// (its table of rules in every instance of the module) were in flight.
// ok is false for any other default, and for one that does not convert to
// the variable's type, which is evaluated as before and reports its
// error.
func (ev *evaluator) literalDefault(vc *variableConfig) (cty.Value, *graph.Value, bool) {
	ev.loader.mu.Lock()
	d, ok := ev.loader.defaults[vc]
	ev.loader.mu.Unlock()
	if ok {
		return d.val, d.sh, true
	}
	if !literalExpr(vc.def) {
		return cty.NilVal, nil, false
	}
	val, sh := (&scope{ev: ev}).eval(vc.def)
	conv, out, err := finishValue(vc, val, sh)
	if err != nil {
		return cty.NilVal, nil, false
	}
	ev.loader.mu.Lock()
	defer ev.loader.mu.Unlock()
	if ev.loader.defaults == nil {
		ev.loader.defaults = map[*variableConfig]*finishedDefault{}
	}
	if d, ok := ev.loader.defaults[vc]; ok {
		return d.val, d.sh, true // another evaluation cached it meanwhile
	}
	ev.loader.defaults[vc] = &finishedDefault{val: conv, sh: out}
	return conv, out, true
}

// literalExpr reports whether expr, in native syntax, is made of literal
// values, literal strings, and tuples and objects of them with literal
// keys: an expression whose evaluation cannot fail or depend on anything.
func literalExpr(expr hcl.Expression) bool {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return true
	case *hclsyntax.TemplateExpr:
		return e.IsStringLiteral()
	case *hclsyntax.TemplateWrapExpr:
		return literalExpr(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return literalExpr(e.Expression)
	case *hclsyntax.TupleConsExpr:
		for _, el := range e.Exprs {
			if !literalExpr(el) {
				return false
			}
		}
		return true
	case *hclsyntax.ObjectConsExpr:
		for _, item := range e.Items {
			if !literalKey(item.KeyExpr) || !literalExpr(item.ValueExpr) {
				return false
			}
		}
		return true
	}
	return false
}

// literalKey reports whether an object key is a bare name or a literal
// that is not null.
func literalKey(expr hclsyntax.Expression) bool {
	k, ok := expr.(*hclsyntax.ObjectConsKeyExpr)
	if !ok {
		return false
	}
	if !k.ForceNonLiteral && hcl.ExprAsKeyword(k.Wrapped) != "" {
		return true
	}
	if lit, ok := k.Wrapped.(*hclsyntax.LiteralValueExpr); ok {
		return !lit.Val.IsNull()
	}
	return literalExpr(k.Wrapped)
}
