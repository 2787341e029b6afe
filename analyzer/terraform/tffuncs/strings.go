package tffuncs

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

func refineNotNull(b *cty.RefinementBuilder) *cty.RefinementBuilder { return b.NotNull() }

// StartsWithFunc is startswith(string, prefix): whether string begins with
// prefix. An unknown string whose known prefix already decides the answer
// (refined by a template such as "arn:${var.x}") gives a known result.
var StartsWithFunc = function.New(&function.Spec{
	Description: "Reports whether a string begins with the given prefix.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String, AllowUnknown: true},
		{Name: "prefix", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.Bool),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		prefix := args[1].AsString()
		if !args[0].IsKnown() {
			known := args[0].Range().StringPrefix()
			switch {
			case strings.HasPrefix(known, prefix):
				return cty.True, nil
			case !strings.HasPrefix(prefix, known):
				// The known part already differs from the prefix.
				return cty.False, nil
			}
			return cty.UnknownVal(cty.Bool).RefineNotNull(), nil
		}
		return cty.BoolVal(strings.HasPrefix(args[0].AsString(), prefix)), nil
	},
})

// EndsWithFunc is endswith(string, suffix): whether string ends with
// suffix.
var EndsWithFunc = function.New(&function.Spec{
	Description: "Reports whether a string ends with the given suffix.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "suffix", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.Bool),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.BoolVal(strings.HasSuffix(args[0].AsString(), args[1].AsString())), nil
	},
})

// StrContainsFunc is strcontains(string, substr): whether substr occurs
// in string.
var StrContainsFunc = function.New(&function.Spec{
	Description: "Reports whether a string contains the given substring.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "substr", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.Bool),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		return cty.BoolVal(strings.Contains(args[0].AsString(), args[1].AsString())), nil
	},
})

// ReplaceFunc is replace(string, substring, replacement). A substring
// written between slashes ("/[0-9]+/") is an RE2 regular expression and
// the replacement may use its captures ($1, ${name}); any other substring
// is replaced literally, every occurrence.
var ReplaceFunc = function.New(&function.Spec{
	Description: "Replaces every occurrence of a substring, or of a /regular expression/, in a string.",
	Params: []function.Parameter{
		{Name: "string", Type: cty.String},
		{Name: "substring", Type: cty.String},
		{Name: "replacement", Type: cty.String},
	},
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		sub := args[1].AsString()
		if len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/' {
			re := cty.StringVal(sub[1 : len(sub)-1])
			return stdlib.RegexReplaceFunc.Call([]cty.Value{args[0], re, args[2]})
		}
		return stdlib.ReplaceFunc.Call(args)
	},
})

// FormatFunc is go-cty's format with Terraform 1.11's answer for an
// argument of no type (a bare null): Unknown. The go-cty that Terraform
// 1.11 uses gives up on such an argument before formatting, so
// format("%v", null) is "(known after apply)" in its plan, while the
// newer go-cty here would render "null". A typed null (tostring(null)) is
// still formatted.
var FormatFunc = function.New(&function.Spec{
	Description:  stdlib.FormatFunc.Description(),
	Params:       stdlib.FormatFunc.Params(),
	VarParam:     stdlib.FormatFunc.VarParam(),
	Type:         function.StaticReturnType(cty.String),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		for _, arg := range args[1:] {
			if arg.Type() == cty.DynamicPseudoType {
				return cty.UnknownVal(cty.String), nil
			}
		}
		return stdlib.FormatFunc.Call(args)
	},
})
