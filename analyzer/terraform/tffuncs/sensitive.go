package tffuncs

import (
	"errors"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// anyParam takes any value as it is: unknown, null, marked, of any type.
func anyParam(name string) function.Parameter {
	return function.Parameter{
		Name: name, Type: cty.DynamicPseudoType,
		AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true,
	}
}

func sameType(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil }

// makeSensitiveFunc is sensitive(value): value marked sensitive.
func makeSensitiveFunc(mark any) function.Function {
	return function.New(&function.Spec{
		Description: "Marks a value as sensitive.",
		Params:      []function.Parameter{anyParam("value")},
		Type:        sameType,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return args[0].Mark(mark), nil
		},
	})
}

// makeNonsensitiveFunc is nonsensitive(value): value without its own
// sensitive mark. As in current Terraform (older versions refused it), a
// value that is not sensitive comes back unchanged. Other marks (rampart's reference
// marks among them) stay, and so do marks on nested elements, which
// Terraform's nonsensitive does not remove either.
func makeNonsensitiveFunc(mark any) function.Function {
	return function.New(&function.Spec{
		Description: "Removes the sensitive mark from a value.",
		Params:      []function.Parameter{anyParam("value")},
		Type:        sameType,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			v, marks := args[0].Unmark()
			delete(marks, mark)
			return v.WithMarks(marks), nil
		},
	})
}

// makeIsSensitiveFunc is issensitive(value): whether value is marked
// sensitive. Whether a value that is not known yet (a computed attribute)
// will be sensitive is up to its provider, so unless it is already marked
// the answer is Unknown too.
func makeIsSensitiveFunc(mark any) function.Function {
	return function.New(&function.Spec{
		Description: "Reports whether a value is sensitive.",
		Params:      []function.Parameter{anyParam("value")},
		Type:        function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			switch {
			case args[0].HasMark(mark):
				return cty.True, nil
			case !args[0].IsKnown():
				return cty.UnknownVal(cty.Bool).RefineNotNull(), nil
			}
			return cty.False, nil
		},
	})
}

// makeEphemeralAsNullFunc is ephemeralasnull(value): value with every
// part that carries mark (an ephemeral value) replaced by a null of its
// type, the rest as it is.
func makeEphemeralAsNullFunc(mark any) function.Function {
	return function.New(&function.Spec{
		Description: "Replaces ephemeral values with null.",
		Params:      []function.Parameter{anyParam("value")},
		Type:        sameType,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.TransformWithTransformer(args[0], ephemeralNuller{mark: mark})
		},
	})
}

// ephemeralNuller replaces each value marked ephemeral, before looking
// inside it, by a null of its type that keeps its other marks.
type ephemeralNuller struct{ mark any }

func (n ephemeralNuller) Enter(_ cty.Path, v cty.Value) (cty.Value, error) {
	if !v.HasMark(n.mark) {
		return v, nil
	}
	_, marks := v.Unmark()
	delete(marks, n.mark)
	return cty.NullVal(v.Type()).WithMarks(marks), nil
}

func (n ephemeralNuller) Exit(_ cty.Path, v cty.Value) (cty.Value, error) { return v, nil }

// TypeFunc is type(value), which Terraform offers only in terraform
// console: in a configuration it is an error, with this explanation.
var TypeFunc = function.New(&function.Spec{
	Description: "Returns the type of a value (terraform console only).",
	Params:      []function.Parameter{anyParam("value")},
	Type: func([]cty.Value) (cty.Type, error) {
		return cty.NilType, errors.New("the type function is only available in terraform console, not in configuration")
	},
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.NilVal, errors.New("the type function is only available in terraform console, not in configuration")
	},
})
