package tffuncs

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// NewTryFunc returns Terraform's try: the value of the first of its
// argument expressions that evaluates without error, cty.DynamicVal when
// that value is not wholly known (it might fail, or have another type,
// once known), and an error listing every argument's diagnostics when
// none succeeds. unknown, when not nil, gives the result for such a
// value instead of cty.DynamicVal.
//
// hcl's tryfunc.TryFunc answers the same, but finds its result type by
// running the whole try, so a call (through cty's Call, and again through
// the budget's wrapper, which asks the type before calling) evaluated
// every argument up to the first that succeeds three or four times. Here
// the type is left dynamic, which every result conforms to, and the
// arguments are evaluated once, in the call.
func NewTryFunc(unknown func(cty.Value) cty.Value) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{
			Name: "expressions",
			Type: customdecode.ExpressionClosureType,
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return try(args, unknown)
		},
	})
}

func try(args []cty.Value, unknown func(cty.Value) cty.Value) (cty.Value, error) {
	if len(args) == 0 {
		return cty.NilVal, errors.New("at least one argument is required")
	}
	// Every argument's diagnostics, for the error when none succeeds.
	var diags hcl.Diagnostics
	for _, arg := range args {
		v, argDiags := customdecode.ExpressionClosureFromVal(arg).Value()
		diags = append(diags, argDiags...)
		if argDiags.HasErrors() {
			continue
		}
		if !v.IsWhollyKnown() {
			if unknown != nil {
				return unknown(v), nil
			}
			return cty.DynamicVal, nil
		}
		return v, nil
	}
	var buf strings.Builder
	buf.WriteString("no expression succeeded:\n")
	for _, diag := range diags {
		if diag.Subject != nil {
			fmt.Fprintf(&buf, "- %s (at %s)\n  %s\n", diag.Summary, diag.Subject, diag.Detail)
		} else {
			fmt.Fprintf(&buf, "- %s\n  %s\n", diag.Summary, diag.Detail)
		}
	}
	buf.WriteString("\nAt least one expression must produce a successful result")
	return cty.NilVal, errors.New(buf.String())
}
