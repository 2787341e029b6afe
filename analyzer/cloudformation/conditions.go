package cloudformation

import (
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// condState is the value of a condition: true, false, or unknown because it
// depends on a value known only at deployment.
type condState uint8

const (
	condTrue condState = iota
	condFalse
	condUnknown
)

type condResult struct {
	state condState
	// reason says, for an unknown condition, which unknown value it depends on.
	reason string
}

func known(b bool) condResult {
	if b {
		return condResult{state: condTrue}
	}
	return condResult{state: condFalse}
}

// condition evaluates a named condition once. use is where it is named, for
// the "no such condition" diagnostic.
func (st *stack) condition(name string, use graph.Location) condResult {
	if r, ok := st.conds[name]; ok {
		return r
	}
	n, ok := st.condNodes[name]
	if !ok {
		st.p.errorf(use, "condition %q is not defined in Conditions", name)
		r := condResult{state: condUnknown, reason: "condition " + name + " is not defined"}
		st.conds[name] = r
		return r
	}
	if st.condBusy[name] {
		st.p.errorf(st.condLocs[name], "condition %s refers to itself (circular conditions)", name)
		return condResult{state: condUnknown, reason: "circular condition " + name}
	}
	st.condBusy[name] = true
	r := st.condExpr(n, 0)
	st.condBusy[name] = false
	if _, done := st.conds[name]; !done {
		if r.state == condUnknown {
			r.reason = "condition " + name + " depends on an unknown value (" + r.reason + ")"
		}
		st.conds[name] = r
	}
	return st.conds[name]
}

// condExpr evaluates a condition expression: Fn::Equals, Fn::And, Fn::Or,
// Fn::Not, Condition, or (CloudFormation allows it) a Ref that yields a
// boolean.
func (st *stack) condExpr(n *node, depth int) condResult {
	if depth > maxEvalDepth {
		st.p.errorf(n.loc, "condition nests deeper than %d levels", maxEvalDepth)
		return condResult{state: condUnknown, reason: "too deep"}
	}
	fn, arg, ok := n.single()
	if !ok {
		if n.kind == nBool {
			return known(n.b)
		}
		if s, ok := n.scalarString(); ok && (s == "true" || s == "false") {
			return known(s == "true")
		}
		st.p.errorf(n.loc, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition, got %s", n.kindName())
		return condResult{state: condUnknown, reason: "invalid condition"}
	}
	switch fn {
	case "Condition":
		name, ok := arg.scalarString()
		if !ok {
			st.p.errorf(arg.loc, "Condition needs a condition name")
			return condResult{state: condUnknown, reason: "invalid condition"}
		}
		return st.condition(name, arg.loc)
	case "Fn::Equals":
		if arg.kind != nList || len(arg.list) != 2 {
			st.p.errorf(arg.loc, "Fn::Equals needs a list of two values")
			return condResult{state: condUnknown, reason: "invalid Fn::Equals"}
		}
		a, okA := st.eval(arg.list[0], evalCtx{})
		b, okB := st.eval(arg.list[1], evalCtx{})
		if !okA || !okB {
			return known(okA == okB)
		}
		if !a.IsWhollyKnown() {
			return condResult{state: condUnknown, reason: unknownReason(a)}
		}
		if !b.IsWhollyKnown() {
			return condResult{state: condUnknown, reason: unknownReason(b)}
		}
		return known(looseEqual(a, b))
	case "Fn::Not":
		items := arg.list
		if arg.kind != nList || len(items) != 1 {
			st.p.errorf(arg.loc, "Fn::Not needs a list of one condition")
			return condResult{state: condUnknown, reason: "invalid Fn::Not"}
		}
		r := st.condExpr(items[0], depth+1)
		switch r.state {
		case condTrue:
			return known(false)
		case condFalse:
			return known(true)
		}
		return r
	case "Fn::And", "Fn::Or":
		if arg.kind != nList || len(arg.list) < 2 || len(arg.list) > 10 {
			st.p.errorf(arg.loc, "%s needs a list of 2 to 10 conditions", fn)
			return condResult{state: condUnknown, reason: "invalid " + fn}
		}
		// A known false (And) or true (Or) decides the result even when
		// another operand is unknown.
		decisive := condFalse
		if fn == "Fn::Or" {
			decisive = condTrue
		}
		var unknown *condResult
		for _, c := range arg.list {
			r := st.condExpr(c, depth+1)
			if r.state == decisive {
				return r
			}
			if r.state == condUnknown && unknown == nil {
				unknown = &r
			}
		}
		if unknown != nil {
			return *unknown
		}
		return known(decisive == condFalse)
	}
	v, ok := st.eval(n, evalCtx{})
	if !ok {
		return known(false)
	}
	if v.IsUnknown() {
		return condResult{state: condUnknown, reason: unknownReason(v)}
	}
	if b, ok := v.AsBool(); ok {
		return known(b)
	}
	st.p.errorf(n.loc, "%s is not a condition function", fn)
	return condResult{state: condUnknown, reason: "invalid condition"}
}

// unknownReason returns the reason of the first Unknown in v.
func unknownReason(v *graph.Value) string {
	reason := "unknown value"
	found := false
	v.Walk(func(_ graph.Path, n *graph.Value) bool {
		if !found && n.IsUnknown() {
			reason, found = n.Reason, true
		}
		return !found
	})
	return reason
}

// looseEqual compares two known values the way Fn::Equals does: scalars as
// their string form ("22" equals 22), lists and maps element by element.
func looseEqual(a, b *graph.Value) bool {
	if as, ok := a.AsString(); ok {
		bs, ok := b.AsString()
		return ok && as == bs
	}
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case graph.KindList:
		if len(a.List) != len(b.List) {
			return false
		}
		for i := range a.List {
			if !looseEqual(a.List[i], b.List[i]) {
				return false
			}
		}
		return true
	case graph.KindMap:
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for k, av := range a.Fields {
			bv, ok := b.Fields[k]
			if !ok || !looseEqual(av, bv) {
				return false
			}
		}
		return true
	}
	return a.Kind == graph.KindNull
}

// branchNote says that an Fn::If took one branch because condition name
// has the given value, and which parameters decided it: a finding that
// exists only on that branch then says what to change to avoid it.
func (st *stack) branchNote(name string, value bool) string {
	note := "Fn::If condition " + name + " is false"
	if value {
		note = "Fn::If condition " + name + " is true"
	}
	if inputs := st.conditionInputs(name); len(inputs) > 0 {
		note += " (decided by " + strings.Join(inputs, ", ") + ")"
	}
	return note
}

// existenceNote says that resource id exists because its Condition name is
// true, and which parameters decided it, for the trace of its findings.
func (st *stack) existenceNote(id, name string) string {
	note := "resource " + id + " exists because condition " + name + " is true"
	if inputs := st.conditionInputs(name); len(inputs) > 0 {
		note += " (decided by " + strings.Join(inputs, ", ") + ")"
	}
	return note
}

// conditionInputs lists the parameters (and pseudo parameters) a named
// condition reads, directly or through the conditions it names, sorted.
func (st *stack) conditionInputs(name string) []string {
	seen := map[string]bool{}
	inputs := map[string]bool{}
	var walkCond func(name string)
	var walk func(n *node, depth int)
	walkCond = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		walk(st.condNodes[name], 0)
	}
	walk = func(n *node, depth int) {
		if n == nil || depth > maxEvalDepth {
			return
		}
		if fn, arg, ok := n.single(); ok {
			switch fn {
			case "Ref":
				if ref, ok := arg.scalarString(); ok {
					if _, isParam := st.params[ref]; isParam {
						inputs["parameter "+ref] = true
					} else if strings.HasPrefix(ref, "AWS::") {
						inputs["pseudo parameter "+ref] = true
					}
				}
				return
			case "Condition":
				if c, ok := arg.scalarString(); ok {
					walkCond(c)
				}
				return
			}
		}
		for _, e := range n.list {
			walk(e, depth+1)
		}
		for _, e := range n.vals {
			walk(e, depth+1)
		}
	}
	walkCond(name)
	out := make([]string, 0, len(inputs))
	for in := range inputs {
		out = append(out, in)
	}
	slices.Sort(out)
	return out
}

// withHop returns a copy of v in which every node's provenance ends with h.
func withHop(v *graph.Value, h graph.Hop) *graph.Value {
	c := v.Copy()
	c.Walk(func(_ graph.Path, n *graph.Value) bool {
		n.Trace = append(n.Trace, h)
		return true
	})
	return c
}
