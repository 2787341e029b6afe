package tffuncs

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// evalWith evaluates src with try bound to tryFn, the test variables, and
// counted(x), which returns x and counts its calls.
func evalWith(t *testing.T, src string, tryFn function.Function, calls *int) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", src, diags.Error())
	}
	counted := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "x", Type: cty.DynamicPseudoType, AllowUnknown: true, AllowMarked: true, AllowNull: true}},
		Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			*calls++
			return args[0], nil
		},
	})
	ctx := &hcl.EvalContext{
		Variables: testVars(),
		Functions: map[string]function.Function{"try": tryFn, "counted": counted, "upper": New(Options{})["upper"]},
	}
	return expr.Value(ctx)
}

// TestTryAnswersAsHCLTry holds rampart's try to hcl's tryfunc.TryFunc,
// the one Terraform uses: the same value, marks and diagnostics for
// arguments that succeed, fail, are unknown or marked.
func TestTryAnswersAsHCLTry(t *testing.T) {
	exprs := []string{
		`try("a")`,
		`try(str_map.a, "b")`,
		`try(str_map.nope, "b")`,
		`try(str_map.nope, str_map.other)`,
		`try(u_str, "b")`,
		`try(u_map.a, "b")`,
		`try(str_map.nope, u_list, "c")`,
		`try(secret, "b")`,
		`try(secret_map.nope, secret_map.a)`,
		`try([u_str, "x"], [])`,
		`try({a = u_num}, {})`,
		`try(upper(1, 2), "b")`,
		`try(undeclared.x, "fallback")`,
		`try(undeclared.x)`,
		`try(nope.a, str_map.nope, upper([]))`,
		`try(tostring(u_any), "b")`,
		`try()`,
		`try(try(str_map.nope, u_str), "z")`,
		`try(null, "b")`,
	}
	ours := Budgeted("try", NewTryFunc(nil))
	for _, src := range exprs {
		t.Run(src, func(t *testing.T) {
			var n1, n2 int
			want, wantDiags := evalWith(t, src, tryfunc.TryFunc, &n1)
			got, gotDiags := evalWith(t, src, ours, &n2)
			if !got.RawEquals(want) {
				t.Errorf("value %#v, hcl's try %#v", got, want)
			}
			if len(gotDiags) != len(wantDiags) {
				t.Fatalf("diagnostics %v, hcl's try %v", gotDiags, wantDiags)
			}
			for i := range gotDiags {
				g, w := gotDiags[i], wantDiags[i]
				if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || g.Subject.String() != w.Subject.String() {
					t.Errorf("diagnostic %d:\n%s: %s (%s)\nhcl's try:\n%s: %s (%s)", i, g.Summary, g.Detail, g.Subject, w.Summary, w.Detail, w.Subject)
				}
			}
		})
	}
}

// TestTryEvaluatesOnce fails if a call evaluates its arguments more than
// once, as hcl's try, which runs itself to find its result type, did
// three times over (and four through the budget's wrapper).
func TestTryEvaluatesOnce(t *testing.T) {
	for _, tc := range []struct {
		src   string
		calls int
	}{
		{`try(counted("a"), counted("b"))`, 1},
		{`try(counted(u_str), "b")`, 1},
		{`try(counted(str_map).nope, counted("b"))`, 2},
	} {
		var n int
		if _, diags := evalWith(t, tc.src, Budgeted("try", NewTryFunc(nil)), &n); diags.HasErrors() {
			t.Fatalf("%s: %s", tc.src, diags.Error())
		}
		if n != tc.calls {
			t.Errorf("%s: %d calls of counted, want %d", tc.src, n, tc.calls)
		}
	}
}

// TestTryUnknownAnswer: the caller's answer for an argument not wholly
// known replaces cty.DynamicVal, and is given that argument's value.
func TestTryUnknownAnswer(t *testing.T) {
	var seen cty.Value
	tryFn := NewTryFunc(func(v cty.Value) cty.Value {
		seen = v
		return cty.UnknownVal(cty.String).Mark(secretMark{})
	})
	var n int
	got, diags := evalWith(t, `try(str_map.nope, [u_str], "c")`, tryFn, &n)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if want := cty.UnknownVal(cty.String).Mark(secretMark{}); !got.RawEquals(want) {
		t.Errorf("try gave %#v, want %#v", got, want)
	}
	if want := cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String)}); !seen.RawEquals(want) {
		t.Errorf("the answer was given %#v, want %#v", seen, want)
	}
}
