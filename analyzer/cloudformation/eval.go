package cloudformation

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// evalCtx is where an expression is evaluated: which resource's attributes
// (for edges) and where in them.
type evalCtx struct {
	// res is the unit ID of the resource whose Properties are evaluated; ""
	// for conditions, outputs and other template sections (no edges).
	res  string
	path graph.Path
	// locals are Fn::Sub variables in scope.
	locals map[string]*graph.Value
	// inCall is set inside a function's arguments: they are not attributes,
	// so an edge found there is blamed on the property holding the call.
	inCall bool
}

func (c evalCtx) at(step any) evalCtx {
	if c.res != "" && !c.inCall {
		c.path = c.path.Append(step)
	}
	return c
}

// eval resolves the intrinsic functions in n. ok is false when the value is
// AWS::NoValue (or an Fn::If branch that yields it): the property or list
// element is then not created.
func (st *stack) eval(n *node, c evalCtx) (*graph.Value, bool) {
	if n == nil {
		return nil, false
	}
	switch n.kind {
	case nList:
		items := make([]*graph.Value, 0, len(n.list))
		for i, e := range n.list {
			if v, ok := st.eval(e, c.at(i)); ok {
				items = append(items, v)
			}
		}
		v := graph.List(items, n.loc)
		v.Trace = cloneTrace(n.via)
		return v, true
	case nMap:
		if fn, arg, ok := n.single(); ok && isIntrinsic(fn) {
			return st.call(fn, arg, n, c)
		}
		v := graph.Map(n.loc)
		v.Trace = cloneTrace(n.via)
		for i, k := range n.keys {
			if strings.HasPrefix(k.name, "Fn::ForEach::") {
				expanded := st.expandForEachEntry(k, n.vals[i], "property", 0)
				for j, ek := range expanded.keys {
					if ev, ok := st.eval(expanded.vals[j], c.at(ek.name)); ok {
						v.Set(ek.name, ev)
					}
				}
				continue
			}
			if ev, ok := st.eval(n.vals[i], c.at(k.name)); ok {
				v.Set(k.name, ev)
			}
		}
		return v, true
	case nString:
		if isDynamicRef(n.str) {
			return dynamicRef(n.str, n.loc), true
		}
	}
	return n.literal(), true
}

func cloneTrace(t graph.Trace) graph.Trace {
	if len(t) == 0 {
		return nil
	}
	return append(graph.Trace(nil), t...)
}

// isIntrinsic reports whether a single map key names an intrinsic function.
// "Condition" is only a function inside conditions, where condExpr handles
// it; in properties it is an ordinary key (IAM policy statements have one).
func isIntrinsic(key string) bool {
	return key == "Ref" || strings.HasPrefix(key, "Fn::") && !strings.HasPrefix(key, "Fn::ForEach::")
}

// call evaluates one intrinsic function; n is the whole call (its location
// is the result's).
func (st *stack) call(fn string, arg, n *node, c evalCtx) (*graph.Value, bool) {
	loc := n.loc
	c.inCall = true
	switch fn {
	case "Ref":
		return st.fnRef(arg, loc, c)
	case "Fn::GetAtt":
		return st.fnGetAtt(arg, loc, c), true
	case "Fn::Sub":
		return st.fnSub(arg, loc, c), true
	case "Fn::Join":
		return st.fnJoin(arg, loc, c), true
	case "Fn::Select":
		return st.fnSelect(arg, loc, c)
	case "Fn::Split":
		return st.fnSplit(arg, loc, c), true
	case "Fn::If":
		return st.fnIf(arg, loc, c)
	case "Fn::FindInMap":
		return st.fnFindInMap(arg, loc, c), true
	case "Fn::Base64":
		return st.fnBase64(arg, loc, c), true
	case "Fn::Cidr":
		return st.fnCidr(arg, loc, c), true
	case "Fn::GetAZs":
		st.eval(arg, c)
		return graph.Unknown("Fn::GetAZs: the Availability Zones of a region are known only at deployment", loc), true
	case "Fn::ImportValue":
		name := "a value"
		if v, ok := st.eval(arg, c); ok {
			if s, ok := v.AsString(); ok {
				name = quoted(s)
			}
		}
		return graph.Unknown("Fn::ImportValue "+name+" is exported by another stack", loc), true
	case "Fn::Length":
		return st.fnLength(arg, loc, c), true
	case "Fn::ToJsonString":
		return st.fnToJSONString(arg, loc, c), true
	case "Fn::Transform":
		return graph.Unknown("Fn::Transform runs a macro at deployment", loc), true
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
		r := st.condExpr(n, 0)
		if r.state == condUnknown {
			return graph.Unknown(r.reason, loc), true
		}
		return graph.Bool(r.state == condTrue, loc), true
	}
	st.p.errorf(loc, "unknown intrinsic function %s", fn)
	return graph.Unknown("unknown intrinsic function "+fn, loc), true
}

// argString evaluates an argument that must be a known string. It returns
// the value (possibly Unknown) and the string when known.
func (st *stack) argString(n *node, what string, c evalCtx) (*graph.Value, string, bool) {
	v, ok := st.eval(n, c)
	if !ok {
		st.p.errorf(n.loc, "%s: AWS::NoValue is not allowed here", what)
		return graph.Unknown(what+" is missing", n.loc), "", false
	}
	if v.IsUnknown() {
		return v, "", false
	}
	s, ok := v.AsString()
	if !ok {
		st.p.errorf(n.loc, "%s must be a string, got %s", what, v.Kind)
		return graph.Unknown(what+" is not a string", n.loc), "", false
	}
	return v, s, true
}

// argList splits a function's argument list and checks its length.
func (st *stack) argList(fn string, arg *node, min, max int) ([]*node, bool) {
	if arg.kind != nList || len(arg.list) < min || len(arg.list) > max {
		want := "a list of " + itoa(min) + " values"
		if max != min {
			want = "a list of " + itoa(min) + " to " + itoa(max) + " values"
		}
		st.p.errorf(arg.loc, "%s needs %s", fn, want)
		return nil, false
	}
	return arg.list, true
}

// unknownFrom is the Unknown result of a function with an unknown input: it
// keeps the input's reason (and sensitivity) but not its Ref, since the
// result is no longer exactly that reference.
func unknownFrom(fn string, in *graph.Value, loc graph.Location) *graph.Value {
	u := graph.Unknown(fn+" of an unknown value: "+unknownReason(in), loc)
	u.Trace = cloneTrace(in.Trace)
	u.Sensitive = in.Sensitive
	return u
}

// fromParts sets on v the trace and sensitivity of the values it was built
// from.
func fromParts(v *graph.Value, parts ...*graph.Value) *graph.Value {
	for _, p := range parts {
		if p == nil {
			continue
		}
		v.Trace = append(v.Trace, p.Trace...)
		if p.Sensitive {
			v.Sensitive = true
		}
	}
	return v
}

// isDynamicRef reports whether s contains a {{resolve:...}} dynamic reference.
func isDynamicRef(s string) bool { return strings.Contains(s, "{{resolve:") }

// dynamicRef is the Unknown for a string with a dynamic reference. Secure
// SSM parameters and Secrets Manager secrets are marked Sensitive.
func dynamicRef(s string, loc graph.Location) *graph.Value {
	ref := s[strings.Index(s, "{{resolve:"):]
	if end := strings.Index(ref, "}}"); end >= 0 {
		ref = ref[:end+2]
	}
	u := graph.Unknown("dynamic reference "+ref+" is resolved at deployment", loc)
	u.Sensitive = strings.HasPrefix(ref, "{{resolve:ssm-secure:") || strings.HasPrefix(ref, "{{resolve:secretsmanager:")
	return u
}

func itoa(n int) string { return graph.FormatNumber(float64(n)) }
