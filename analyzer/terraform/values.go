package terraform

import (
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/terraform-linters/tflint-plugin-sdk/terraform/lang/marks"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// loc converts an hcl range to a graph location. hcl columns are 1-based
// bytes, as graph's are.
func loc(r hcl.Range) graph.Location {
	if r.Filename == "" {
		return graph.Location{}
	}
	return graph.Location{
		File:      r.Filename,
		StartLine: r.Start.Line,
		StartCol:  r.Start.Column,
		EndLine:   r.End.Line,
		EndCol:    r.End.Column,
	}
}

// fromCty converts a cty value to a graph value located at l. ctyjson is
// of no use here: it rejects unknowns and marks, both of which rampart
// must keep.
func fromCty(v cty.Value, l graph.Location, reason string) *graph.Value {
	return annotate(v, nil, l, nil, reason)
}

// containsMarked is v.ContainsMarked without the walk cty makes over a
// set: a set holds no marked element (cty moves its elements' marks to
// the set itself), and walking a set sorts it, each time.
func containsMarked(v cty.Value) bool {
	if v.Type().IsSetType() {
		return v.IsMarked()
	}
	return v.ContainsMarked()
}

// annotate converts v to a graph value and takes each node's location,
// trace, reference and unknown reason from like where like has the same
// shape (a shadow built while evaluating the expression element-wise).
// Where like has no counterpart (a type conversion added an optional
// attribute, a function built the value) the node sits at the nearest
// annotated ancestor, with its trace. cty stays the source of truth for
// the value itself, so a stale or partial shadow can only cost precision
// in locations, never a wrong value.
func annotate(v cty.Value, like *graph.Value, l graph.Location, trace graph.Trace, reason string) *graph.Value {
	sensitive := false
	var pm cty.ValueMarks
	// Only v's own marks matter here: its elements are annotated with
	// theirs below, and an unknown or a null holds no element. Asking
	// whether anything in v is marked walked the whole value at each
	// level of it.
	if v.IsMarked() {
		if om, ok := openResource(v); ok {
			// Its key set is rampart's guess (openMark): it is the
			// resource as a whole, not a map of attributes it may not
			// have.
			v = cty.DynamicVal.WithMarks(v.Marks(), cty.NewValueMarks(identMark{Resource: om.Resource}))
			reason = "resource " + om.Resource + " as a whole: without its provider's schema its attributes are not known"
		}
		v, pm = v.Unmark()
		sensitive = pm.Has(marks.Sensitive)
		if !v.IsKnown() || v.IsNull() {
			// Nested marks do not matter on an unknown or null.
			v, _ = v.UnmarkDeep()
		}
	}
	var ref *graph.Ref
	if like != nil {
		l, trace = like.Loc, like.Trace
		ref = like.Ref
		sensitive = sensitive || like.Sensitive
		if like.Kind == graph.KindUnknown && like.Reason != "" {
			reason = like.Reason
		}
	}
	if ref == nil && !v.IsKnown() {
		// An Unknown that is one resource attribute passed on unchanged
		// (see identMark) stands for it wherever it ends up.
		ref = identity(pm)
	}
	var out *graph.Value
	switch {
	case !v.IsKnown():
		if reason == "" {
			reason = "value known only after apply"
		}
		out = graph.Unknown(reason, l)
	case v.IsNull():
		out = graph.Null(l)
	case v.Type() == cty.String:
		out = graph.String(v.AsString(), l)
	case v.Type() == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		out = graph.Number(f, l)
	case v.Type() == cty.Bool:
		out = graph.Bool(v.True(), l)
	case v.Type().IsObjectType() || v.Type().IsMapType():
		out = graph.Map(l)
		keys := make([]string, 0, v.LengthInt())
		vals := map[string]cty.Value{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			keys = append(keys, k.AsString())
			vals[k.AsString()] = e
		}
		if like != nil && like.Kind == graph.KindMap {
			keys = orderLike(keys, like.Keys)
		}
		for _, k := range keys {
			out.Set(k, annotate(vals[k], like.Get(k), l, trace, reason))
		}
	case v.Type().IsListType() || v.Type().IsTupleType():
		items := make([]*graph.Value, 0, v.LengthInt())
		sameLen := like != nil && like.Kind == graph.KindList && len(like.List) == v.LengthInt()
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			var el *graph.Value
			if sameLen {
				el = like.List[len(items)]
			}
			items = append(items, annotate(e, el, l, trace, reason))
		}
		out = graph.List(items, l)
	case v.Type().IsSetType():
		// Set elements have no position; match them to the shadow's
		// elements by value.
		var list []*graph.Value
		if like != nil && like.Kind == graph.KindList {
			list = like.List
		}
		pool := newElementPool(list)
		items := make([]*graph.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			items = append(items, annotate(e, pool.match(e), l, trace, reason))
		}
		out = graph.List(items, l)
	default:
		// Capsule types never reach configuration values.
		out = graph.Unknown("unsupported value type "+v.Type().FriendlyName(), l)
	}
	out.Trace = append(graph.Trace(nil), trace...)
	out.Ref = ref
	out.Sensitive = sensitive
	if like != nil && (out.Kind == graph.KindString || out.Kind == graph.KindUnknown) {
		out.Decoded = like.Decoded
	}
	if sensitive {
		markSensitive(out)
	}
	return out
}

func markSensitive(v *graph.Value) {
	v.Walk(func(_ graph.Path, n *graph.Value) bool {
		n.Sensitive = true
		return true
	})
}

// orderLike puts keys in the shadow's (source) order, unknown ones last in
// cty's lexical order.
func orderLike(keys, order []string) []string {
	pos := make(map[string]int, len(order))
	for i, k := range order {
		pos[k] = i
	}
	sort.SliceStable(keys, func(i, j int) bool {
		pi, oi := pos[keys[i]]
		pj, oj := pos[keys[j]]
		switch {
		case oi && oj:
			return pi < pj
		case oi != oj:
			return oi
		}
		return keys[i] < keys[j]
	})
	return keys
}

// elementPool finds the shadow element holding the same primitive value as
// a set element: set elements have no position, so they are matched to the
// shadow's elements by value. The index is built on first use, so matching
// every element of a set against its shadow stays linear.
type elementPool struct {
	list  []*graph.Value
	index map[poolKey]*graph.Value
}

type poolKey struct {
	kind graph.Kind
	text string
}

func newElementPool(list []*graph.Value) *elementPool {
	return &elementPool{list: list}
}

// match returns the first element of the pool equal to e, or nil.
func (p *elementPool) match(e cty.Value) *graph.Value {
	e, _ = e.UnmarkDeep()
	if len(p.list) == 0 || !e.IsKnown() || e.IsNull() || !e.Type().IsPrimitiveType() {
		return nil
	}
	if p.index == nil {
		p.index = make(map[poolKey]*graph.Value, len(p.list))
		for _, v := range p.list {
			if v == nil || !isPrimitiveKind(v.Kind) {
				continue
			}
			k := poolKey{v.Kind, v.GoString()}
			if _, dup := p.index[k]; !dup {
				p.index[k] = v
			}
		}
	}
	want := fromCty(e, graph.Location{}, "")
	return p.index[poolKey{want.Kind, want.GoString()}]
}

func isPrimitiveKind(k graph.Kind) bool {
	return k == graph.KindBool || k == graph.KindNumber || k == graph.KindString
}

// derive returns v as used at l: every node moves to l and gains a hop for
// where it was (with note). Unlike graph.Value.Derive it also records a hop
// for values with no file position (--var, TF_VAR_*), whose note is then
// the only trace of their origin.
func derive(v *graph.Value, l graph.Location, note string) *graph.Value {
	if v == nil {
		return nil
	}
	c := *v
	c.Trace = make(graph.Trace, 0, len(v.Trace)+1)
	c.Trace = append(c.Trace, v.Trace...)
	if v.Loc != l && (v.Loc.Known() || note != "") {
		c.Trace = append(c.Trace, graph.Hop{Location: v.Loc, Note: note})
	}
	c.Loc = l
	if v.List != nil {
		c.List = make([]*graph.Value, len(v.List))
		for i, e := range v.List {
			c.List[i] = derive(e, l, note)
		}
	}
	if v.Fields != nil {
		c.Keys = append([]string(nil), v.Keys...)
		c.Fields = make(map[string]*graph.Value, len(v.Fields))
		for k, e := range v.Fields {
			c.Fields[k] = derive(e, l, note)
		}
	}
	c.Decoded = derive(v.Decoded, l, note)
	return &c
}

// navigate follows static traversal steps (attribute names, index keys)
// through a shadow value; nil when the shadow has no such node.
func navigate(v *graph.Value, steps hcl.Traversal) *graph.Value {
	cur := v
	for _, step := range steps {
		if cur == nil {
			return nil
		}
		switch s := step.(type) {
		case hcl.TraverseAttr:
			cur = cur.Get(s.Name)
		case hcl.TraverseIndex:
			k, _ := s.Key.UnmarkDeep()
			if !k.IsKnown() || k.IsNull() {
				return nil
			}
			switch {
			case k.Type() == cty.String && cur.Kind == graph.KindMap:
				cur = cur.Get(k.AsString())
			case k.Type() == cty.Number && cur.Kind == graph.KindList:
				i, acc := k.AsBigFloat().Int64()
				if acc != 0 {
					return nil
				}
				cur = cur.Index(int(i))
			default:
				return nil
			}
		default:
			return nil
		}
	}
	return cur
}

// hopsOf collects, for a computed expression, the provenance of the values
// it read: each input's trace plus the input's own place. Duplicates (the
// same variable read twice) are dropped.
func hopsOf(inputs []input) graph.Trace {
	// The trace is sized for every hop at once, where growing it hop by
	// hop made most of what hopsOf allocated. A trace has a few hops:
	// they are looked through one by one, and indexed past
	// maxScannedHops.
	most := 0
	for _, in := range inputs {
		if in.sh != nil {
			most += len(in.sh.Trace) + 1
		}
	}
	if most == 0 {
		return nil
	}
	out := make(graph.Trace, 0, most)
	var seen map[graph.Hop]bool
	add := func(h graph.Hop) {
		switch {
		case seen != nil:
			if seen[h] {
				return
			}
			seen[h] = true
		case slices.Contains(out, h):
			return
		case len(out) == maxScannedHops:
			seen = make(map[graph.Hop]bool, 2*maxScannedHops)
			for _, o := range out {
				seen[o] = true
			}
			seen[h] = true
		}
		out = append(out, h)
	}
	for _, in := range inputs {
		if in.sh == nil {
			continue
		}
		for _, h := range in.sh.Trace {
			add(h)
		}
		if in.sh.Loc.Known() || in.note != "" {
			add(graph.Hop{Location: in.sh.Loc, Note: in.note})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// maxScannedHops is how many hops hopsOf looks through one by one.
const maxScannedHops = 16

// firstUnknownReason explains why a computed value is unknown by the first
// unknown value among its inputs.
func firstUnknownReason(inputs []input) string {
	for _, in := range inputs {
		var reason string
		in.sh.Walk(func(_ graph.Path, n *graph.Value) bool {
			if reason == "" && n.Kind == graph.KindUnknown {
				reason = n.Reason
			}
			return reason == ""
		})
		if reason != "" {
			return reason
		}
	}
	return ""
}
