package tffuncs

import (
	"errors"
	"fmt"
	"math/big"
	"sort"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// AllTrueFunc is alltrue(list): true when every element is true (or
// "true"), and for an empty list. A null element counts as false. The
// elements are read in order and the first that is not true decides, so an
// unknown element makes the result unknown even when a false one follows
// it, as in Terraform 1.11.
var AllTrueFunc = boolQuantifier("Reports whether every element of a list of booleans is true.", false, true)

// AnyTrueFunc is anytrue(list): true when at least one element is true
// (or "true"), unknown elements or not; otherwise unknown when an element
// is unknown, else false (for an empty list too). Null elements are not
// true.
var AnyTrueFunc = boolQuantifier("Reports whether any element of a list of booleans is true.", true, false)

// boolQuantifier builds alltrue (decisive = false) and anytrue (decisive =
// true): a known element equal to decisive decides the result, a null
// element is false, and with none the result is !decisive. They differ, as
// Terraform's do, in an unknown element: stopAtUnknown makes the first one
// decide (Unknown) before any element after it is read; otherwise it makes
// the result Unknown only when no element decides.
func boolQuantifier(description string, decisive, stopAtUnknown bool) function.Function {
	return function.New(&function.Spec{
		Description: description,
		Params: []function.Parameter{
			{Name: "list", Type: cty.List(cty.Bool)},
		},
		Type:         function.StaticReturnType(cty.Bool),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			unknown := false
			for it := args[0].ElementIterator(); it.Next(); {
				_, v := it.Element()
				switch {
				case !v.IsKnown() && stopAtUnknown:
					return cty.UnknownVal(cty.Bool).RefineNotNull(), nil
				case !v.IsKnown():
					unknown = true
				case (!v.IsNull() && v.True()) == decisive:
					return cty.BoolVal(decisive), nil
				}
			}
			if unknown {
				return cty.UnknownVal(cty.Bool).RefineNotNull(), nil
			}
			return cty.BoolVal(!decisive), nil
		},
	})
}

// LengthFunc is length(value): the number of elements of a list, tuple,
// set or map, the number of attributes of an object, or the number of
// characters (grapheme clusters) of a string. The length of a tuple or
// object is its type's, so known even when its elements are not.
var LengthFunc = function.New(&function.Spec{
	Description: "Returns the number of elements of a collection or structure, or of characters in a string.",
	Params: []function.Parameter{
		{Name: "value", Type: cty.DynamicPseudoType, AllowDynamicType: true, AllowUnknown: true, AllowMarked: true},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty == cty.String, ty == cty.DynamicPseudoType, ty.IsCollectionType(), ty.IsTupleType(), ty.IsObjectType():
			return cty.Number, nil
		}
		return cty.NilType, errors.New("argument must be a string, a collection type, or a structural type")
	},
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v, m := args[0].Unmark()
		ty := v.Type()
		switch {
		case ty.IsTupleType():
			return cty.NumberIntVal(int64(len(ty.TupleElementTypes()))).WithMarks(m), nil
		case ty.IsObjectType():
			return cty.NumberIntVal(int64(len(ty.AttributeTypes()))).WithMarks(m), nil
		case ty == cty.String:
			if v.IsNull() {
				return cty.NilVal, function.NewArgErrorf(0, "argument must not be null")
			}
			if !v.IsKnown() {
				// The characters of a known prefix are a lower bound.
				n := graphemes(v.Range().StringPrefix())
				return cty.UnknownVal(cty.Number).Refine().NotNull().NumberRangeLowerBound(cty.NumberIntVal(int64(n)), true).NewValue().WithMarks(m), nil
			}
			return cty.NumberIntVal(int64(graphemes(v.AsString()))).WithMarks(m), nil
		case ty == cty.DynamicPseudoType:
			return cty.UnknownVal(cty.Number).RefineNotNull().WithMarks(m), nil
		}
		if v.IsNull() {
			return cty.NilVal, function.NewArgErrorf(0, "argument must not be null")
		}
		// Length keeps cty's refinements for an unknown collection.
		return v.Length().WithMarks(m), nil
	},
})

func graphemes(s string) int {
	n, _ := textseg.TokenCount([]byte(s), textseg.ScanGraphemeClusters)
	return n
}

// IndexFunc is index(list, value): the position of the first element of
// a list or tuple equal to value. (go-cty's IndexFunc is another function:
// the element at a key.)
var IndexFunc = function.New(&function.Spec{
	Description: "Returns the index of the first element of a list equal to the given value.",
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType},
		{Name: "value", Type: cty.DynamicPseudoType},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		if !ty.IsListType() && !ty.IsTupleType() && ty != cty.DynamicPseudoType {
			return cty.NilType, function.NewArgErrorf(0, "argument must be a list or tuple, not %s", ty.FriendlyName())
		}
		return cty.Number, nil
	},
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull().NumberRangeLowerBound(cty.Zero, true)
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		list, want := args[0], args[1]
		unknown := false
		i := 0
		for it := list.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			v, err := convert.Convert(want, e.Type())
			if err != nil {
				continue
			}
			eq := e.Equals(v)
			if !eq.IsKnown() {
				unknown = true
				continue
			}
			if eq.True() {
				if unknown {
					// An earlier element might be equal too.
					break
				}
				return cty.NumberIntVal(int64(i)), nil
			}
		}
		if unknown {
			return cty.UnknownVal(cty.Number).Refine().NotNull().NumberRangeLowerBound(cty.Zero, true).NewValue(), nil
		}
		return cty.NilVal, errors.New("item not found")
	},
})

// ListFunc and MapFunc were removed in Terraform 0.12; Terraform keeps the
// names only to explain what to write instead, and so does this table.
var (
	ListFunc = removedFunc("list", "the \"list\" function was deprecated in Terraform v0.12 and is no longer available; use tolist([ ... ]) syntax to write a literal list")
	MapFunc  = removedFunc("map", "the \"map\" function was deprecated in Terraform v0.12 and is no longer available; use tomap({ ... }) syntax to write a literal map")
)

func removedFunc(name, msg string) function.Function {
	return function.New(&function.Spec{
		Description: "Removed: " + name + " is no longer available.",
		VarParam: &function.Parameter{
			Name: "vals", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true,
		},
		Type: func([]cty.Value) (cty.Type, error) { return cty.NilType, errors.New(msg) },
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.NilVal, errors.New(msg) },
	})
}

// LookupFunc is lookup(map, key, default): the map's element (or object's
// attribute) named key, else default, which may be null. Without default
// (Terraform's older two-argument form, still accepted) a missing key is an
// error. go-cty's own lookup refuses a null default, which Terraform
// configurations pass all the time, so this one is written here.
var LookupFunc = function.New(&function.Spec{
	Description: "Returns the element of a map with the given key, or a default value.",
	Params: []function.Parameter{
		{Name: "inputMap", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true},
		{Name: "key", Type: cty.String, AllowUnknown: true, AllowMarked: true},
	},
	VarParam: &function.Parameter{Name: "default", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowMarked: true, AllowDynamicType: true},
	Type: func(args []cty.Value) (cty.Type, error) {
		if len(args) > 3 {
			return cty.NilType, errors.New("lookup takes a map, a key and an optional default value, no more")
		}
		hasDefault := len(args) == 3
		ty := args[0].Type()
		switch {
		case ty.IsMapType():
			if hasDefault {
				if _, err := convert.Convert(args[2], ty.ElementType()); err != nil {
					return cty.NilType, function.NewArgErrorf(2, "the default value must have the same type as the map elements")
				}
			}
			return ty.ElementType(), nil
		case ty.IsObjectType():
			key, _ := args[1].Unmark()
			if !key.IsKnown() {
				return cty.DynamicPseudoType, nil
			}
			if name := key.AsString(); ty.HasAttribute(name) {
				return ty.AttributeType(name), nil
			} else if !hasDefault {
				return cty.NilType, function.NewArgErrorf(1, "lookup failed to find key %q", name)
			}
			return args[2].Type(), nil
		case ty == cty.DynamicPseudoType:
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, function.NewArgErrorf(0, "lookup() requires a map as the first argument")
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		m, mm := args[0].Unmark()
		key, km := args[1].Unmark()
		marks := []cty.ValueMarks{mm, km}
		if m.IsNull() {
			return cty.NilVal, function.NewArgErrorf(0, "argument must not be null")
		}
		if !key.IsKnown() {
			return cty.UnknownVal(ret).WithMarks(marks...), nil
		}
		name := key.AsString()
		if m.Type().IsObjectType() {
			if m.Type().HasAttribute(name) {
				if !m.IsKnown() {
					return cty.UnknownVal(ret).WithMarks(marks...), nil
				}
				return m.GetAttr(name).WithMarks(marks...), nil
			}
			return args[2].WithMarks(marks...), nil
		}
		if !m.IsKnown() {
			return cty.UnknownVal(ret).WithMarks(marks...), nil
		}
		if m.HasIndex(key).True() {
			return m.Index(key).WithMarks(marks...), nil
		}
		if len(args) < 3 {
			return cty.NilVal, function.NewArgErrorf(1, "lookup failed to find key %q", name)
		}
		def, err := convert.Convert(args[2], ret)
		if err != nil {
			return cty.NilVal, function.NewArgErrorf(2, "the default value must have the same type as the map elements")
		}
		return def.WithMarks(marks...), nil
	},
})

// MatchKeysFunc is matchkeys(values, keys, searchset): the elements of
// values whose counterpart at the same index in keys is in searchset, in
// their order.
var MatchKeysFunc = function.New(&function.Spec{
	Description: "Selects the elements of a list whose corresponding key is in a search set.",
	Params: []function.Parameter{
		{Name: "values", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "keys", Type: cty.List(cty.DynamicPseudoType)},
		{Name: "searchset", Type: cty.List(cty.DynamicPseudoType)},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty, _ := convert.UnifyUnsafe([]cty.Type{args[1].Type(), args[2].Type()})
		if ty == cty.NilType {
			return cty.NilType, function.NewArgErrorf(1, "lists must be of the same type")
		}
		return args[0].Type(), nil
	},
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		values, keys, search := args[0], args[1], args[2]
		if values.LengthInt() != keys.LengthInt() {
			return cty.NilVal, errors.New("length of keys and values should be equal")
		}
		if values.LengthInt() == 0 {
			return cty.ListValEmpty(ret.ElementType()), nil
		}
		ty, _ := convert.UnifyUnsafe([]cty.Type{keys.Type(), search.Type()})
		keys, _ = convert.Convert(keys, ty)
		search, _ = convert.Convert(search, ty)
		var out []cty.Value
		i := 0
		for it := keys.ElementIterator(); it.Next(); i++ {
			_, k := it.Element()
			for sit := search.ElementIterator(); sit.Next(); {
				_, s := sit.Element()
				eq := k.Equals(s)
				if !eq.IsKnown() {
					return cty.UnknownVal(ret).RefineNotNull(), nil
				}
				if eq.True() {
					out = append(out, values.Index(cty.NumberIntVal(int64(i))))
					break
				}
			}
		}
		if len(out) == 0 {
			return cty.ListValEmpty(ret.ElementType()), nil
		}
		return cty.ListVal(out), nil
	},
})

// OneFunc is one(collection): null for an empty list, set or tuple, its
// element when it has exactly one, and an error otherwise.
var OneFunc = function.New(&function.Spec{
	Description: "Returns the only element of a list, set or tuple, or null when it is empty.",
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		switch {
		case ty.IsListType(), ty.IsSetType():
			return ty.ElementType(), nil
		case ty.IsTupleType():
			switch ets := ty.TupleElementTypes(); len(ets) {
			case 0:
				return cty.DynamicPseudoType, nil
			case 1:
				return ets[0], nil
			}
			return cty.NilType, function.NewArgErrorf(0, "must be a list, set, or tuple value with either zero or one elements")
		case ty == cty.DynamicPseudoType:
			return cty.DynamicPseudoType, nil
		}
		return cty.NilType, function.NewArgErrorf(0, "must be a list, set, or tuple value with either zero or one elements")
	},
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		v, m := args[0].Unmark()
		if v.IsNull() {
			return cty.NilVal, function.NewArgErrorf(0, "argument must not be null")
		}
		// A set's unknown elements may turn out equal, so its length is
		// not known either.
		if !v.IsKnown() || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			return cty.UnknownVal(ret).WithMarks(m), nil
		}
		switch v.LengthInt() {
		case 0:
			return cty.NullVal(ret).WithMarks(m), nil
		case 1:
			it := v.ElementIterator()
			it.Next()
			_, e := it.Element()
			return e.WithMarks(m), nil
		}
		return cty.NilVal, function.NewArgErrorf(0, "must be a list, set, or tuple value with either zero or one elements")
	},
})

// SumFunc is sum(list): the total of a non-empty list, set or tuple of
// numbers, computed exactly (big floats), not in float64.
var SumFunc = function.New(&function.Spec{
	Description: "Returns the sum of a list or set of numbers.",
	Params: []function.Parameter{
		{Name: "list", Type: cty.DynamicPseudoType},
	},
	Type: func(args []cty.Value) (cty.Type, error) {
		ty := args[0].Type()
		if !ty.IsListType() && !ty.IsSetType() && !ty.IsTupleType() {
			return cty.NilType, function.NewArgErrorf(0, "argument must be a list, set, or tuple of numbers, not %s", ty.FriendlyName())
		}
		return cty.Number, nil
	},
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		v := args[0]
		if v.LengthInt() == 0 {
			return cty.NilVal, function.NewArgErrorf(0, "cannot sum an empty list")
		}
		total := new(big.Float)
		unknown := false
		i := 0
		for it := v.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			if !e.IsKnown() {
				unknown = true
				continue
			}
			if e.IsNull() {
				return cty.NilVal, function.NewArgErrorf(0, "element %d is null; sum needs numbers", i)
			}
			n, err := convert.Convert(e, cty.Number)
			if err != nil {
				return cty.NilVal, function.NewArgErrorf(0, "element %d: %s", i, err)
			}
			if !n.IsKnown() {
				unknown = true
				continue
			}
			total.Add(total, n.AsBigFloat())
			if total.IsInf() {
				return cty.NilVal, function.NewArgErrorf(0, "the sum is infinite")
			}
		}
		if unknown {
			return cty.UnknownVal(cty.Number).RefineNotNull(), nil
		}
		return cty.NumberVal(total), nil
	},
})

// TransposeFunc is transpose(map of lists of strings): the map with keys
// and values swapped, so each value becomes a key whose list holds the
// original keys it appeared under, in key order.
var TransposeFunc = function.New(&function.Spec{
	Description: "Swaps the keys and list values of a map of lists of strings.",
	Params: []function.Parameter{
		{Name: "values", Type: cty.Map(cty.List(cty.String))},
	},
	Type:         function.StaticReturnType(cty.Map(cty.List(cty.String))),
	RefineResult: refineNotNull,
	Impl: func(args []cty.Value, ret cty.Type) (cty.Value, error) {
		if !args[0].IsWhollyKnown() {
			return cty.UnknownVal(ret).RefineNotNull(), nil
		}
		out := map[string][]cty.Value{}
		var order []string
		for it := args[0].ElementIterator(); it.Next(); {
			k, list := it.Element()
			if list.IsNull() {
				return cty.NilVal, fmt.Errorf("the value of key %q is null; transpose needs lists of strings", k.AsString())
			}
			for lit := list.ElementIterator(); lit.Next(); {
				_, v := lit.Element()
				if v.IsNull() {
					return cty.NilVal, fmt.Errorf("the list of key %q holds a null; transpose needs strings", k.AsString())
				}
				s := v.AsString()
				if _, ok := out[s]; !ok {
					order = append(order, s)
				}
				out[s] = append(out[s], k)
			}
		}
		if len(out) == 0 {
			return cty.MapValEmpty(cty.List(cty.String)), nil
		}
		sort.Strings(order)
		vals := make(map[string]cty.Value, len(out))
		for _, s := range order {
			vals[s] = cty.ListVal(out[s])
		}
		return cty.MapVal(vals), nil
	},
})

// ElementFunc is element(list, index): go-cty's element, which wraps an
// index past the end around, but refusing a negative index as Terraform
// does (go-cty counts it from the end; Terraform 1.11 fails).
var ElementFunc = function.New(&function.Spec{
	Description: stdlib.ElementFunc.Description(),
	Params:      stdlib.ElementFunc.Params(),
	Type: func(args []cty.Value) (cty.Type, error) {
		if err := nonNegativeIndex(args[1]); err != nil {
			return cty.DynamicPseudoType, err
		}
		return stdlib.ElementFunc.ReturnTypeForValues(args)
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		if err := nonNegativeIndex(args[1]); err != nil {
			return cty.NilVal, err
		}
		return stdlib.ElementFunc.Call(args)
	},
})

func nonNegativeIndex(index cty.Value) error {
	if !index.IsKnown() || index.IsNull() {
		return nil
	}
	n, err := convert.Convert(index, cty.Number)
	if err != nil || !n.IsKnown() || n.IsNull() {
		return nil // go-cty's element reports it
	}
	if n.AsBigFloat().Sign() < 0 {
		return errors.New("cannot use element function with a negative index")
	}
	return nil
}
