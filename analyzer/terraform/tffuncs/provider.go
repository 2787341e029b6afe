package tffuncs

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// providerTerraform is the functions of Terraform's built-in provider,
// which Terraform offers without a required_providers entry.
func providerTerraform() map[string]function.Function {
	return map[string]function.Function{
		"provider::terraform::encode_tfvars": EncodeTfvarsFunc,
		"provider::terraform::decode_tfvars": DecodeTfvarsFunc,
		"provider::terraform::encode_expr":   EncodeExprFunc,
	}
}

// EncodeExprFunc is provider::terraform::encode_expr(value): the HCL
// expression that writes value.
var EncodeExprFunc = function.New(&function.Spec{
	Description: "Renders a value as the HCL expression that would produce it.",
	Params: []function.Parameter{
		{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowDynamicType: true},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		}
		return cty.StringVal(string(hclwrite.TokensForValue(args[0]).Bytes())), nil
	},
})

// EncodeTfvarsFunc is provider::terraform::encode_tfvars(object): the
// object's attributes written as a .tfvars file, one per line in name
// order.
var EncodeTfvarsFunc = function.New(&function.Spec{
	Description: "Renders an object as the contents of a .tfvars file.",
	Params: []function.Parameter{
		{Name: "value", Type: cty.DynamicPseudoType},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		if !ty.IsObjectType() && !ty.IsMapType() && ty != cty.DynamicPseudoType {
			return cty.NilType, function.NewArgErrorf(0, "the value to encode must be an object whose attribute names are variable names, not %s", ty.FriendlyName())
		}
		return cty.String, nil
	},
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if !v.IsWhollyKnown() {
			return cty.UnknownVal(cty.String).RefineNotNull(), nil
		}
		vals := v.AsValueMap()
		names := make([]string, 0, len(vals))
		for k := range vals {
			if !hclsyntax.ValidIdentifier(k) {
				return cty.NilVal, fmt.Errorf("invalid variable name %q", k)
			}
			names = append(names, k)
		}
		sort.Strings(names)
		f := hclwrite.NewEmptyFile()
		for _, k := range names {
			f.Body().SetAttributeValue(k, vals[k])
		}
		return cty.StringVal(string(f.Bytes())), nil
	},
})

// DecodeTfvarsFunc is provider::terraform::decode_tfvars(string): the
// variable values a .tfvars text sets, as an object. As in a .tfvars
// file, values must be literals.
var DecodeTfvarsFunc = function.New(&function.Spec{
	Description: "Parses the contents of a .tfvars file into an object.",
	Params: []function.Parameter{
		{Name: "src", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.DynamicPseudoType),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		src, name := []byte(args[0].AsString()), "<decode_tfvars argument>"
		if diags := nesting.HCL(src, name, hcl.InitialPos, false); diags.HasErrors() {
			return cty.NilVal, function.NewArgErrorf(0, "invalid tfvars syntax: %s", diags.Error())
		}
		f, diags := hclsyntax.ParseConfig(src, name, hcl.Pos{Line: 1, Column: 1})
		if diags.HasErrors() {
			return cty.NilVal, function.NewArgErrorf(0, "invalid tfvars syntax: %s", diags.Error())
		}
		attrs, diags := f.Body.JustAttributes()
		if diags.HasErrors() {
			return cty.NilVal, function.NewArgErrorf(0, "invalid tfvars content: %s", diags.Error())
		}
		out := make(map[string]cty.Value, len(attrs))
		for name, a := range attrs {
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				return cty.NilVal, fmt.Errorf("invalid value for %s: %s", name, diags.Error())
			}
			out[name] = v
		}
		return cty.ObjectVal(out), nil
	},
})
