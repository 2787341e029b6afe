package tffuncs

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// templates renders templatefile and templatestring templates with hcl's
// template syntax and the table's own functions. A template may not call
// templatefile or templatestring itself: that is how Terraform keeps a
// template from rendering itself forever, and how this table does.
type templates struct {
	funcs func() map[string]function.Function // the finished table

	once  sync.Once
	inner map[string]function.Function // funcs with the template functions refused
}

var templateFuncNames = []string{"templatefile", "templatestring", "core::templatefile", "core::templatestring"}

func (t *templates) innerFuncs() map[string]function.Function {
	t.once.Do(func() {
		all := t.funcs()
		t.inner = make(map[string]function.Function, len(all))
		for k, v := range all {
			t.inner[k] = v
		}
		for _, name := range templateFuncNames {
			t.inner[name] = recursionRefused(name)
		}
	})
	return t.inner
}

func recursionRefused(name string) function.Function {
	msg := fmt.Sprintf("cannot call %s from inside a template rendered by templatefile or templatestring", strings.TrimPrefix(name, "core::"))
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true},
		Type:     func([]cty.Value) (cty.Type, error) { return cty.NilType, fmt.Errorf("%s", msg) },
		Impl:     func([]cty.Value, cty.Type) (cty.Value, error) { return cty.NilVal, fmt.Errorf("%s", msg) },
	})
}

func varsParam() function.Parameter {
	return function.Parameter{Name: "vars", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowDynamicType: true}
}

// fileFunc is templatefile(path, vars): the file at path (relative to
// baseDir) rendered as a template with vars.
func (t *templates) fileFunc(baseDir string) function.Function {
	return function.New(&function.Spec{
		Description: "Renders the template in a file with the given variables.",
		Params: []function.Parameter{
			{Name: "path", Type: cty.String},
			varsParam(),
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			src, err := readFile(baseDir, path)
			if err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			if !utf8.Valid(src) {
				return cty.NilVal, function.NewArgErrorf(0, "contents of %s are not valid UTF-8", path)
			}
			return t.render(string(src), path, args[1])
		},
	})
}

// stringFunc is templatestring(template, vars): a string value rendered
// as a template with vars.
func (t *templates) stringFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Renders a template held in a string with the given variables.",
		Params: []function.Parameter{
			{Name: "template", Type: cty.String},
			varsParam(),
		},
		Type: function.StaticReturnType(cty.DynamicPseudoType),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return t.render(args[0].AsString(), "<templatestring argument>", args[1])
		},
	})
}

func (t *templates) render(src, name string, vars cty.Value) (cty.Value, error) {
	expr, diags := hclsyntax.ParseTemplate([]byte(src), name, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("failed to parse template: %s", diags.Error())
	}
	if vars.IsNull() {
		return cty.NilVal, function.NewArgErrorf(1, "vars must not be null")
	}
	ty := vars.Type()
	if !ty.IsMapType() && !ty.IsObjectType() && ty != cty.DynamicPseudoType {
		return cty.NilVal, function.NewArgErrorf(1, "vars must be a map or an object, not %s", ty.FriendlyName())
	}
	if !vars.IsKnown() {
		return cty.DynamicVal, nil
	}
	given := map[string]cty.Value{}
	for it := vars.ElementIterator(); it.Next(); {
		k, v := it.Element()
		name := k.AsString()
		if !hclsyntax.ValidIdentifier(name) {
			return cty.NilVal, function.NewArgErrorf(1, "invalid template variable name %q: must start with a letter, followed by zero or more letters, digits, and underscores", name)
		}
		given[name] = v
	}
	var missing []string
	for _, tr := range expr.Variables() {
		if _, ok := given[tr.RootName()]; !ok {
			missing = append(missing, fmt.Sprintf("%q, referenced at %s", tr.RootName(), tr.SourceRange()))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return cty.NilVal, function.NewArgErrorf(1, "vars map does not contain key %s", missing[0])
	}
	val, diags := expr.Value(&hcl.EvalContext{Variables: given, Functions: t.innerFuncs()})
	if diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("%s", diags.Error())
	}
	return val, nil
}
