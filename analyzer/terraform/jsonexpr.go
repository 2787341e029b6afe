package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// jsonExpr is what hcl's JSON syntax implements beyond hcl.Expression: the
// static list and map views of arrays and objects.
type jsonExpr interface {
	hcl.Expression
	ExprList() []hcl.Expression
	ExprMap() []hcl.KeyValuePair
}

// jsonAsSyntax rewrites an expression of a .tf.json file as the native
// syntax expression it stands for, the way hcl's JSON syntax evaluates it:
// a string is a template ("${aws_vpc.main.id}" is the reference itself),
// an array a tuple constructor and an object an object constructor whose
// keys are templates too. rampart can then evaluate a .tf.json value
// element by element as it does a .tf one, with the same positions,
// provenance and references. ok is false for anything that is not a JSON
// expression.
func jsonAsSyntax(expr hcl.Expression) (hclsyntax.Expression, bool) {
	if _, native := expr.(hclsyntax.Expression); native {
		return nil, false
	}
	je, ok := expr.(jsonExpr)
	if !ok {
		return nil, false
	}
	r := je.Range()
	// Without a context hcl returns a JSON value verbatim: strings are
	// not interpreted as templates.
	v, diags := je.Value(nil)
	if diags.HasErrors() {
		return nil, false
	}
	ty := v.Type()
	switch {
	case v.IsNull():
		return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: r}, true
	case ty == cty.String:
		return jsonTemplate(v.AsString(), r)
	case ty.IsTupleType():
		items := je.ExprList()
		out := &hclsyntax.TupleConsExpr{SrcRange: r, OpenRange: r}
		for _, it := range items {
			se, ok := jsonAsSyntax(it)
			if !ok {
				return nil, false
			}
			out.Exprs = append(out.Exprs, se)
		}
		return out, true
	case ty.IsObjectType():
		out := &hclsyntax.ObjectConsExpr{SrcRange: r, OpenRange: r}
		for _, kv := range je.ExprMap() {
			kr := kv.Key.Range()
			k, diags := kv.Key.Value(nil)
			if diags.HasErrors() || k.Type() != cty.String || k.IsNull() {
				return nil, false
			}
			key, ok := jsonTemplate(k.AsString(), kr)
			if !ok {
				return nil, false
			}
			val, ok := jsonAsSyntax(kv.Value)
			if !ok {
				return nil, false
			}
			out.Items = append(out.Items, hclsyntax.ObjectConsItem{
				KeyExpr:   &hclsyntax.ObjectConsKeyExpr{Wrapped: key, ForceNonLiteral: true},
				ValueExpr: val,
			})
		}
		return out, true
	}
	return &hclsyntax.LiteralValueExpr{Val: v, SrcRange: r}, true
}

// jsonTemplate parses a JSON string as a template, positioned just after
// its opening quote as hcl's JSON syntax does (escapes JSON removed shift
// the columns after them, there as here). A string that does not parse
// becomes an expression giving the syntax error hcl would: leaving the
// whole value to hcl would have it evaluate the valid templates beside it
// itself, where no iteration budget reaches their for expressions.
func jsonTemplate(s string, r hcl.Range) (hclsyntax.Expression, bool) {
	start := hcl.Pos{Line: r.Start.Line, Column: r.Start.Column + 1, Byte: r.Start.Byte + 1}
	t, diags := hclsyntax.ParseTemplate([]byte(s), r.Filename, start)
	if diags.HasErrors() {
		return &invalidTemplate{Expression: &hclsyntax.LiteralValueExpr{Val: cty.DynamicVal, SrcRange: r}, diags: diags}, true
	}
	return t, true
}

// invalidTemplate is a JSON string that is no valid template: its value
// is unknown, with the syntax errors.
type invalidTemplate struct {
	hclsyntax.Expression
	diags hcl.Diagnostics
}

func (e *invalidTemplate) Value(*hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	return cty.DynamicVal, e.diags
}
