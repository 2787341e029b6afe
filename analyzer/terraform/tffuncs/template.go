package tffuncs

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/customdecode"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// templates renders templatefile and templatestring templates with hcl's
// template syntax and the table's own functions. A template may not call
// templatefile or templatestring itself: that is how Terraform keeps a
// template from rendering itself forever, and how this table does.
type templates struct {
	funcs func() map[string]function.Function // the finished table
	// iterations bounds the %{for} loops of the templates rendered; nil
	// gives each rendering a budget of its own.
	iterations *forbudget.Meter

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
			// Positions in the template name the file as the scan does,
			// not relative to the root module.
			name := path
			if !filepath.IsAbs(name) {
				name = filepath.Join(baseDir, name)
			}
			return t.render(string(src), name, args[1])
		},
	})
}

// stringFunc is templatestring(template, vars): a string, read from
// elsewhere, rendered as a template with vars. As in Terraform, the
// template argument must be a direct reference (local.tpl,
// data.x.body, var.m["k"]): a literal or a computed template is refused,
// since a template string expression says the same more plainly. The
// argument is therefore taken as an expression, not a value. The result
// is always a string, whatever a lone interpolation gives.
func (t *templates) stringFunc() function.Function {
	return function.New(&function.Spec{
		Description: "Renders a template held in a string with the given variables.",
		Params: []function.Parameter{
			{Name: "template", Type: customdecode.ExpressionClosureType},
			varsParam(),
		},
		Type:         function.StaticReturnType(cty.String),
		RefineResult: refineNotNull,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			closure := customdecode.ExpressionClosureFromVal(args[0])
			if err := directReference(closure.Expression); err != nil {
				return cty.NilVal, function.NewArgError(0, err)
			}
			tmpl, diags := closure.Value()
			if diags.HasErrors() {
				return cty.NilVal, function.NewArgError(0, diags)
			}
			tmpl, marks := tmpl.Unmark()
			tmpl, err := convert.Convert(tmpl, cty.String)
			if err != nil {
				return cty.NilVal, function.NewArgErrorf(0, "invalid template: %s", err)
			}
			if tmpl.IsNull() {
				return cty.NilVal, function.NewArgErrorf(0, "template must not be null")
			}
			if !tmpl.IsKnown() {
				return cty.UnknownVal(cty.String).WithMarks(marks), nil
			}
			val, err := t.render(tmpl.AsString(), "<templatestring argument>", args[1])
			if err != nil {
				return cty.NilVal, err
			}
			val, valMarks := val.Unmark()
			str, err := convert.Convert(val, cty.String)
			if err != nil {
				return cty.NilVal, fmt.Errorf("invalid template result: %s", err)
			}
			return str.WithMarks(marks, valMarks), nil
		},
	})
}

// directReference is Terraform's rule for templatestring's template: a
// reference to a string held elsewhere, not a literal or a computation.
func directReference(expr hcl.Expression) error {
	switch e := expr.(type) {
	case *hclsyntax.TemplateWrapExpr:
		return errors.New("invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere; to treat the inner expression as template syntax, write the reference expression directly without any template interpolation syntax")
	case *hclsyntax.TemplateExpr:
		if e.IsStringLiteral() {
			return errors.New("invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere, and so does not support providing a literal template; consider using a template string expression instead")
		}
	case *hclsyntax.LiteralValueExpr:
		return errors.New("invalid template expression: templatestring is only for rendering templates retrieved dynamically from elsewhere, and so does not support providing a literal template; consider using a template string expression instead")
	}
	if _, diags := hcl.AbsTraversalForExpr(expr); diags.HasErrors() {
		return errors.New("invalid template expression: must be a direct reference to a single string from elsewhere, containing valid Terraform template syntax")
	}
	return nil
}

func (t *templates) render(src, name string, vars cty.Value) (cty.Value, error) {
	if diags := nesting.HCL([]byte(src), name, hcl.InitialPos, true); diags.HasErrors() {
		return cty.NilVal, fmt.Errorf("failed to parse template: %s", diags.Error())
	}
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
	meter := t.iterations
	if meter == nil {
		meter = forbudget.NewMeter(forbudget.MaxIterations)
	}
	forbudget.Bound(expr, meter)
	val, diags := expr.Value(&hcl.EvalContext{Variables: given, Functions: t.innerFuncs()})
	if diags.HasErrors() {
		if t.iterations != nil && onlyBudget(diags) {
			// The caller owns the budget and reports it spent, at the
			// %{for} in the template; the rendering is just not known.
			return cty.DynamicVal, nil
		}
		return cty.NilVal, fmt.Errorf("%s", diags.Error())
	}
	return val, nil
}

// onlyBudget reports whether the errors in diags are all a spent
// iteration budget.
func onlyBudget(diags hcl.Diagnostics) bool {
	for _, d := range diags {
		if d.Severity == hcl.DiagError && d.Summary != forbudget.Summary {
			return false
		}
	}
	return true
}
