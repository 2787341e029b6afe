package tffuncs

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// billionLaughs is a YAML document whose aliases expand to 10^9 values.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i"} {
		b.WriteString(name + ": &" + name + " [")
		for i := range 10 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func manyStrings(n int) cty.Value {
	vals := make([]cty.Value, n)
	for i := range vals {
		vals[i] = cty.StringVal(strconv.Itoa(i))
	}
	return cty.TupleVal(vals)
}

func TestFunctionBudgets(t *testing.T) {
	vars := map[string]cty.Value{
		"big":         cty.StringVal(strings.Repeat("a", 1<<20)),
		"laughs":      cty.StringVal(billionLaughs()),
		"deep":        cty.StringVal(strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000)),
		"u_str":       cty.UnknownVal(cty.String),
		"many":        manyStrings(20_000),
		"secret_pair": cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}).Mark(secretMark{}),
	}
	tests := []struct {
		expr string
		want string // GoString of the value
		err  string // substring of the error, instead of want
	}{
		{expr: `format("%0999999999d", 1)`, err: "format width or precision is at most 4096"},
		{expr: `format("%.999999999f", 1)`, err: "format width or precision is at most 4096"},
		{expr: `formatlist("%-999999999s", ["a"])`, err: "format width or precision is at most 4096"},
		{expr: `format("%05d|%-4s|%.2f|%%|%[1]d", 7, "a", 3.14159)`, want: `cty.StringVal("00007|a   |3.14|%|7")`},
		{expr: `format(u_str, 1)`, want: `cty.UnknownVal(cty.String).RefineNotNull()`},
		{expr: `indent(1000000000, "a\nb\nc")`, err: "more than 33554432 bytes"},
		{expr: `indent(2, "a\nb")`, want: `cty.StringVal("a\n  b")`},
		{expr: `join("", [for i in range(40) : big])`, err: "more than 33554432 bytes"},
		{expr: `length(join("", [for i in range(4) : big]))`, want: `cty.NumberIntVal(4.194304e+06)`},
		{expr: `replace(big, "a", "0123456789012345678901234567890123456789")`, err: "more than 33554432 bytes"},
		{expr: `replace(big, "/a/", "0123456789012345678901234567890123456789")`, err: "more than 33554432 bytes"},
		{expr: `replace("aaa", "a", "bb")`, want: `cty.StringVal("bbbbbb")`},
		{expr: `setproduct(range(1000), range(1000))`, err: "more than 100000 elements"},
		{expr: `length(setproduct(range(100), range(100)))`, want: `cty.NumberIntVal(10000)`},
		{expr: `flatten([for i in range(101) : range(1000)])`, err: "flatten would return 101000 elements"},
		{expr: `yamldecode(laughs)`, err: "aliases expand to more than 100000 values"},
		{expr: `yamldecode(deep)`, err: "nests deeper than 256 levels"},
		{expr: `yamldecode("a: &x [1, 2]\nb: *x\n")`, want: `cty.ObjectVal(map[string]cty.Value{"a":cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)}), "b":cty.TupleVal([]cty.Value{cty.NumberIntVal(1), cty.NumberIntVal(2)})})`},
		{expr: `jsondecode(deep)`, err: "more than 256 objects or arrays"},
		{expr: `pow(-1, 0.5)`, err: "pow cannot compute this"},
		// Linear, not quadratic, in the tuple's length.
		{expr: `length(toset(many))`, want: `cty.NumberIntVal(20000)`},
		{expr: `length(tolist(many))`, want: `cty.NumberIntVal(20000)`},
		{expr: `toset(["b", "a", "b"])`, want: `cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")})`},
		{expr: `tolist(["a", 1])`, want: `cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("1")})`},
		{expr: `toset(secret_pair)`, want: `cty.SetVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}).Mark(tffuncs.secretMark{})`},
		{expr: `tolist([u_str, "a"])`, want: `cty.ListVal([]cty.Value{cty.UnknownVal(cty.String), cty.StringVal("a")})`},
	}
	funcs := New(Options{BaseDir: t.TempDir()})
	for _, tc := range tests {
		t.Run(tc.expr, func(t *testing.T) {
			expr, diags := hclsyntax.ParseExpression([]byte(tc.expr), "test.tf", hcl.InitialPos)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			v, diags := expr.Value(&hcl.EvalContext{Variables: vars, Functions: funcs})
			if tc.err != "" {
				if !diags.HasErrors() || !strings.Contains(diags.Error(), tc.err) {
					t.Fatalf("= %#v, %v; want an error containing %q", v, diags, tc.err)
				}
				// A message, not a goroutine dump.
				if msg := diags.Error(); len(msg) > 400 || strings.Contains(msg, "goroutine") {
					t.Errorf("error message of %d bytes: %.400s", len(msg), msg)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if got := v.GoString(); got != tc.want {
				t.Errorf("=\n  %s\nwant\n  %s", got, tc.want)
			}
		})
	}
}

// toset and tolist get a tuple of one element type as a list, which cty
// converts without comparing every pair of element types.
func TestListsForTuples(t *testing.T) {
	tests := []struct {
		name string
		arg  cty.Value
		want cty.Type // type of the argument handed on
	}{
		{"toset", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), cty.List(cty.String)},
		{"tolist", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)}), cty.List(cty.String)},
		{"toset", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)}), cty.Tuple([]cty.Type{cty.String, cty.Number})},
		{"toset", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b").Mark(secretMark{})}), cty.Tuple([]cty.Type{cty.String, cty.String})},
		{"toset", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}).Mark(secretMark{}), cty.Tuple([]cty.Type{cty.String, cty.String})},
		{"tomap", cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}), cty.Tuple([]cty.Type{cty.String, cty.String})},
	}
	for _, tt := range tests {
		got := listsForTuples(tt.name, []cty.Value{tt.arg})
		if !got[0].Type().Equals(tt.want) {
			t.Errorf("%s(%#v) hands on %s, want %s", tt.name, tt.arg, got[0].Type().FriendlyName(), tt.want.FriendlyName())
		}
	}
}

// TestBudgetedAnswersAsUnwrapped: a function behind the budget's wrapper
// gives what it gives alone, values, marks and diagnostics, for calls
// that succeed and calls whose arguments its type refuses.
func TestBudgetedAnswersAsUnwrapped(t *testing.T) {
	raw := base(Options{SensitiveMark: secretMark{}, EphemeralMark: ephemeralMark{}})
	wrapped := New(Options{SensitiveMark: secretMark{}, EphemeralMark: ephemeralMark{}})
	for _, src := range []string{
		`upper("a")`, `upper(1)`, `upper([])`, `upper(u_str)`, `upper(secret)`, `upper(null)`, `upper(u_any)`,
		`length(str_map)`, `length(1)`, `length(u_list)`,
		`lookup(str_map, "a", "z")`, `lookup(str_map, "b")`, `lookup(1, "a")`,
		`merge(str_map, {b = 1})`, `merge(1)`, `merge(secret_map, u_map)`,
		`concat(["a"], u_list)`, `concat("a")`,
		`jsondecode("{\"a\": [1, 2]}")`, `jsondecode("{")`, `jsondecode(1)`,
		`yamldecode("a: [1, 2]")`, `yamldecode(":")`,
		`element(["a", "b"], 3)`, `element([], 0)`, `cidrsubnet("10.0.0.0/8", 8, 1)`, `cidrsubnet("x", 8, 1)`,
		`format("%s-%d", "a", 1)`, `format("%d", "a")`, `tostring([])`, `tonumber("x")`,
	} {
		expr, diags := hclsyntax.ParseExpression([]byte(src), "t.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %s", src, diags.Error())
		}
		want, wantDiags := expr.Value(&hcl.EvalContext{Variables: testVars(), Functions: raw})
		got, gotDiags := expr.Value(&hcl.EvalContext{Variables: testVars(), Functions: wrapped})
		if !got.RawEquals(want) {
			t.Errorf("%s: %#v, alone %#v", src, got, want)
		}
		if gotDiags.Error() != wantDiags.Error() {
			t.Errorf("%s: diagnostics %q, alone %q", src, gotDiags.Error(), wantDiags.Error())
		}
	}
}

// TestBudgetedAsksTypeOnce: a call through the wrapper asks the function
// its result type once.
func TestBudgetedAsksTypeOnce(t *testing.T) {
	asked := 0
	fn := function.New(&function.Spec{
		Params: []function.Parameter{{Name: "s", Type: cty.String}},
		Type: func(args []cty.Value) (cty.Type, error) {
			asked++
			return cty.String, nil
		},
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
	})
	if _, err := budgeted("echo", fn).Call([]cty.Value{cty.StringVal("a")}); err != nil {
		t.Fatal(err)
	}
	if asked != 1 {
		t.Errorf("the type was asked %d times, want once", asked)
	}
}
