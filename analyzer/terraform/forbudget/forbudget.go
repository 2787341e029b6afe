// Package forbudget bounds the iterations of HCL for expressions and
// %{for} template directives. hcl evaluates a for expression itself, so
// nested loops multiply inside one call to Value, before any budget on
// functions or on finished values can look:
// [for a in range(1000) : [for b in range(1000) : [for c in range(1000) : 1]]]
// runs a billion iterations. Bound wraps the body of every for expression
// of a syntax tree with a counter that draws on a Meter; once the Meter is
// spent, every wrapped body returns a cheap Unknown, so the loops still
// running finish at once.
//
// The Meter a body draws on is the evaluation's: the one Provide put in
// the function table of the evaluation context, which hcl's child
// contexts reach through their parents. So one parsed syntax tree can be
// evaluated by several evaluations at once, each on its own budget. A
// context without one (a literal evaluated without any) draws on the
// Meter given to Bound.
package forbudget

import (
	"bytes"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// MaxIterations bounds the for-expression iterations of one evaluation
// (for rampart, one root module with its child modules). An iteration
// whose value is a collection counts its elements too, and one whose
// value is a string a unit per 64 bytes: a function called in a loop may build
// up to 100,000 elements each time, and the loop must not multiply that.
// Real modules use a few hundred (terraform-aws-eks's largest example,
// 404); reaching the limit takes well under a second.
const MaxIterations = 100_000

// Summary is the summary of the diagnostic a spent Meter gives.
const Summary = "Too many for-expression iterations"

// Meter counts the iterations of the for expressions bounded with it.
// One evaluation uses it at a time; it is safe for concurrent use all the
// same, because the configuration reader evaluates literal expressions
// (variable defaults) while module directories are parsed in parallel.
type Meter struct {
	mu    sync.Mutex
	limit int
	used  int
	spent bool
	at    hcl.Range
}

// NewMeter returns a meter allowing limit iterations.
func NewMeter(limit int) *Meter { return &Meter{limit: limit} }

// contextEntry is the name under which Provide puts a Meter in a function
// table: not an identifier, so no configuration can call it.
const contextEntry = "for-expression budget"

// meterType carries a Meter through a function's result.
var meterType = cty.Capsule("forbudget.Meter", reflect.TypeOf(Meter{}))

// Provide makes the for expressions evaluated with funcs as their
// context's function table draw on m.
func Provide(funcs map[string]function.Function, m *Meter) {
	funcs[contextEntry] = function.New(&function.Spec{
		Type: function.StaticReturnType(meterType),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.CapsuleVal(meterType, m), nil },
	})
}

// Provided is the Meter ctx or one of its parents carries (Provide), nil
// when none does.
func Provided(ctx *hcl.EvalContext) *Meter {
	for c := ctx; c != nil; c = c.Parent() {
		f, ok := c.Functions[contextEntry]
		if !ok {
			continue
		}
		if v, err := f.Call(nil); err == nil {
			return v.EncapsulatedValue().(*Meter)
		}
	}
	return nil
}

// Reset makes the whole budget available again, for the next evaluation.
func (m *Meter) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.used, m.spent, m.at = 0, false, hcl.Range{}
}

// Used is the number of iterations counted since the last Reset.
func (m *Meter) Used() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.used
}

// Spent reports whether the budget ran out, and at which for expression.
func (m *Meter) Spent() (hcl.Range, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.at, m.spent
}

// Diagnostic is the error a spent budget is reported as, at the for
// expression that ran out of it; nil while the budget holds.
func (m *Meter) Diagnostic() *hcl.Diagnostic {
	at, spent := m.Spent()
	if !spent {
		return nil
	}
	return &hcl.Diagnostic{
		Severity: hcl.DiagError,
		Summary:  Summary,
		Detail:   fmt.Sprintf("The for expressions and %%{for} directives evaluated so far, nested loops multiplied, need more than %d iterations (an iteration building a collection counts its elements too); rampart evaluates at most that many per root module, child modules included.", m.limit),
		Subject:  at.Ptr(),
	}
}

// take counts n units of work of the for expression at rng. It returns
// whether the budget still holds, and the error diagnostic when these
// units spend it.
func (m *Meter) take(n int, rng hcl.Range) (bool, hcl.Diagnostics) {
	m.mu.Lock()
	if m.spent {
		m.mu.Unlock()
		return false, nil
	}
	if m.used+n <= m.limit {
		m.used += n
		m.mu.Unlock()
		return true, nil
	}
	m.spent, m.at = true, rng
	m.mu.Unlock()
	return false, hcl.Diagnostics{m.Diagnostic()}
}

// weight is what an iteration's value adds to the work counted: its
// elements when it is a collection (counting them takes no walk), a unit
// per 64 bytes when it is a string.
func weight(v cty.Value) int {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() {
		return 0
	}
	switch ty := v.Type(); {
	case ty == cty.String:
		return len(v.AsString()) >> 6
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		return v.LengthInt()
	}
	return 0
}

// Bound makes every for expression in the tree below n (n included) draw
// on the evaluation's Meter (Provide), or on m when the evaluation context
// carries none. Bounding a tree twice changes nothing.
func Bound(n hclsyntax.Node, m *Meter) {
	if n == nil {
		return
	}
	// Every for expression is found before any is changed: a wrapped body
	// hides the node it wraps from a walk, so a for expression nested
	// directly in another one's body would be missed.
	var fors []*hclsyntax.ForExpr
	_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok {
			fors = append(fors, f)
		}
		return nil
	})
	for _, f := range fors {
		bound(f, m)
	}
}

// bound wraps the parts of f evaluated once per iteration. The first of
// them hcl evaluates (the condition, else the key, else the value) counts
// the iteration; all of them stop evaluating once the budget is spent.
func bound(f *hclsyntax.ForExpr, m *Meter) {
	if _, done := f.ValExpr.(*counted); done {
		return
	}
	first := true
	wrap := func(e hclsyntax.Expression) hclsyntax.Expression {
		if e == nil {
			return nil
		}
		c := &counted{
			// The parentheses keep the wrapped expression itself visible
			// to walks (hclsyntax.VisitAll, Variables), which only see
			// the children of a node they do not know.
			Expression: &hclsyntax.ParenthesesExpr{Expression: e, SrcRange: e.Range()},
			fallback:   m,
			loop:       f.SrcRange,
			counts:     first,
			weighs:     e == f.ValExpr,
		}
		first = false
		return c
	}
	f.CondExpr = wrap(f.CondExpr)
	f.KeyExpr = wrap(f.KeyExpr)
	f.ValExpr = wrap(f.ValExpr)
}

// Unbound returns the expression Bound wrapped e around, or e itself when
// Bound did not wrap it: a tree copied through it is the tree as parsed.
func Unbound(e hclsyntax.Expression) hclsyntax.Expression {
	if c, ok := e.(*counted); ok {
		return c.Expression.(*hclsyntax.ParenthesesExpr).Expression
	}
	return e
}

// counted is a part of a for expression evaluated once per iteration.
// Embedding hclsyntax.Expression makes it one: the unexported walk method
// is promoted from the parentheses around the wrapped expression.
type counted struct {
	hclsyntax.Expression
	fallback *Meter    // drawn on when the context provides no Meter
	loop     hcl.Range // the for expression, where a spent budget is reported
	counts   bool      // this part counts the iteration
	weighs   bool      // this part is the value: its size counts too
}

func (c *counted) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	meter := Provided(ctx)
	if meter == nil {
		meter = c.fallback
	}
	if c.counts {
		if ok, diags := meter.take(1, c.loop); !ok {
			return cty.DynamicVal, diags
		}
	} else if _, spent := meter.Spent(); spent {
		return cty.DynamicVal, nil
	}
	v, diags := c.Expression.Value(ctx)
	if c.weighs {
		if ok, spent := meter.take(weight(v), c.loop); !ok {
			return cty.DynamicVal, append(diags, spent...)
		}
	}
	return v, diags
}

// MayHoldFor reports whether src, a native syntax file, may hold a for
// expression or a %{for} directive, which Bound looks for: whether the
// word for stands anywhere just after an opening bracket or brace, or a
// directive's strip marker (~), with only white space between, or with
// what may be a comment between. When it reports false, src holds none,
// and bounding what it parses to would change nothing; walking the tree
// of every file to find none allocated at every node. Descriptions
// ("Map of tags for the bucket") and for_each do not count.
func MayHoldFor(src []byte) bool {
	for i := 0; i < len(src); {
		j := bytes.Index(src[i:], []byte("for"))
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len("for")
		if (at > 0 && identByte(src[at-1])) || (i < len(src) && identByte(src[i])) {
			continue // part of a name: format, for_each, platform
		}
		if opensBefore(src, at) {
			return true
		}
	}
	return false
}

// identByte reports whether c continues an HCL identifier, for ASCII; a
// byte of a multibyte character does not, which only makes MayHoldFor
// look further.
func identByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// opensBefore reports whether what stands before src[at], past white
// space, opens a for expression or directive ([, {, ~), or may end a
// comment that stands between one and the keyword: */, or a line with #
// or // on it.
func opensBefore(src []byte, at int) bool {
	newline := false
	k := at - 1
	for ; k >= 0; k-- {
		switch src[k] {
		case ' ', '\t', '\r':
			continue
		case '\n':
			newline = true
			continue
		}
		break
	}
	if k < 0 {
		return false
	}
	switch src[k] {
	case '[', '{', '~', '/':
		return true
	}
	if newline {
		start := bytes.LastIndexByte(src[:k], '\n') + 1
		line := src[start : k+1]
		return bytes.IndexByte(line, '#') >= 0 || bytes.Contains(line, []byte("//"))
	}
	return false
}
