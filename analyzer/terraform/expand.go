package terraform

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

type keyKind uint8

const (
	keyNone    keyKind = iota // no count or for_each
	keyInt                    // count.index
	keyString                 // each.key
	keyUnknown                // count/for_each unknown: one representative instance
)

const (
	modeNone = iota
	modeCount
	modeForEach
)

// instanceKey is one instance of a resource or module call, with the
// repetition values its body sees.
type instanceKey struct {
	kind    keyKind
	byCount bool // for keyUnknown: count (not for_each)
	idx     int
	str     string
	each    cty.Value    // each.value
	eachSh  *graph.Value // its shadow
	keySh   *graph.Value // each.key's shadow
	countAt graph.Location
	// exists is set when count is a conditional whose condition is known:
	// the instance exists because the condition chose a non-zero count.
	exists *graph.Hop
	reason string    // for keyUnknown: why the instances are not known
	obj    cty.Value // count or each object, built on first use
	// validation is set for the key of a resource body evaluated only to
	// be validated: its references read as Unknown (builder.unknownRefs).
	validation bool
}

// String is the key as instances are looked up by index steps.
func (k *instanceKey) String() string {
	switch k.kind {
	case keyInt:
		return strconv.Itoa(k.idx)
	case keyString:
		return k.str
	case keyUnknown:
		return "*"
	}
	return ""
}

// suffix is the key as written in an address: [0], ["web"], and [*] for a
// representative instance.
func (k *instanceKey) suffix() string {
	switch k.kind {
	case keyInt:
		return "[" + strconv.Itoa(k.idx) + "]"
	case keyString:
		return "[" + strconv.Quote(k.str) + "]"
	case keyUnknown:
		return "[*]"
	}
	return ""
}

// expansion is the instances count or for_each create.
type expansion struct {
	mode    int
	unknown bool
	keys    []*instanceKey
}

func representative(mode int, what string) *expansion {
	arg := "for_each"
	if mode == modeCount {
		arg = "count"
	}
	return &expansion{mode: mode, unknown: true, keys: []*instanceKey{{
		kind: keyUnknown, byCount: mode == modeCount,
		reason: fmt.Sprintf("%s of %s is not known before apply", arg, what),
	}}}
}

// expand evaluates count or for_each in this module instance. Unknown (or
// invalid) repetition keeps one representative instance: dropping the
// resource would hide it from every rule.
//
// Every instance counts against the unit's budget (limits.go); past it the
// expansion keeps one representative instance, so a configuration that
// multiplies instances through nested modules still ends fast.
func (mi *moduleInstance) expand(count, forEach hcl.Expression, what string) *expansion {
	var exp *expansion
	var rng hcl.Range
	arg := "resource"
	switch {
	case count != nil:
		exp, rng, arg = mi.expandCount(count, what), count.Range(), "count"
	case forEach != nil:
		exp, rng, arg = mi.expandForEach(forEach, what), forEach.Range(), "for_each"
	default:
		exp = &expansion{mode: modeNone, keys: []*instanceKey{{kind: keyNone}}}
	}
	if !mi.ev.takeInstances(len(exp.keys), rng, arg) {
		rep := representative(exp.mode, what)
		rep.keys[0].reason = fmt.Sprintf("%s has more instances than rampart evaluates", what)
		return rep
	}
	return exp
}

// tooMany reports a count or for_each creating more than
// MaxBlockInstances instances.
func (mi *moduleInstance) tooMany(expr hcl.Expression, arg, n string, what string) *expansion {
	mode := modeForEach
	if arg == "count" {
		mode = modeCount
	}
	mi.ev.errorAt(loc(expr.Range()), "Too many instances",
		fmt.Sprintf("%s creates %s instances; rampart evaluates at most %d instances of one resource or module call",
			arg, n, MaxBlockInstances))
	rep := representative(mode, what)
	rep.keys[0].reason = fmt.Sprintf("%s of %s creates more instances than rampart evaluates", arg, what)
	return rep
}

// ephemeralRepetition is why terraform refuses an ephemeral count or
// for_each: the number of instances and their keys are kept between plan
// and apply, and an ephemeral value may not be.
const ephemeralRepetition = "the value is derived from an ephemeral value, which terraform does not keep between plan and apply; the instances must be given by values that are not ephemeral"

func (mi *moduleInstance) expandCount(expr hcl.Expression, what string) *expansion {
	v, shadow := mi.scope().eval(expr)
	ephemeral := mi.ev.ephemeralIn(v)
	v, _ = v.UnmarkDeep()
	bad := func(detail string) *expansion {
		mi.ev.errorAt(loc(expr.Range()), "Invalid count argument", detail)
		return representative(modeCount, what)
	}
	if ephemeral {
		return bad(ephemeralRepetition)
	}
	if !v.IsKnown() {
		return representative(modeCount, what)
	}
	if v.IsNull() {
		return bad("count must not be null")
	}
	n, err := convert.Convert(v, cty.Number)
	if err != nil {
		return bad(fmt.Sprintf("count must be a whole number: %s", err))
	}
	if !n.IsKnown() {
		return representative(modeCount, what)
	}
	f := n.AsBigFloat()
	if !f.IsInt() {
		return bad(fmt.Sprintf("count must be a whole number, got %s", f.String()))
	}
	if f.Sign() < 0 {
		return bad(fmt.Sprintf("count must be greater than or equal to zero, got %s", f.String()))
	}
	i, acc := f.Int64()
	if acc != 0 || i > MaxBlockInstances {
		return mi.tooMany(expr, "count", f.String(), what)
	}
	exp := &expansion{mode: modeCount, keys: make([]*instanceKey, i)}
	exists := countCondition(shadow, what)
	for j := range exp.keys {
		exp.keys[j] = &instanceKey{kind: keyInt, idx: j, countAt: loc(expr.Range()), exists: exists}
	}
	return exp
}

// countCondition returns the hop that says why the instances of a count
// chosen by a conditional (`count = var.create ? 1 : 0`) exist: the count's
// value records the branch its known condition took (withBranchHop). nil
// for any other count.
func countCondition(count *graph.Value, what string) *graph.Hop {
	if count == nil {
		return nil
	}
	for _, h := range count.Trace {
		if strings.HasPrefix(h.Note, branchNotePrefix) {
			return &graph.Hop{Location: h.Location, Note: what + " exists because its count's " + h.Note}
		}
	}
	return nil
}

func (mi *moduleInstance) expandForEach(expr hcl.Expression, what string) *expansion {
	if n := mi.forEachLength(expr); n > MaxBlockInstances {
		return mi.tooMany(expr, "for_each", strconv.Itoa(n), what)
	}
	marked, sh := mi.scope().eval(expr)
	v, _ := marked.UnmarkDeep()
	bad := func(detail string) *expansion {
		mi.ev.errorAt(loc(expr.Range()), "Invalid for_each argument", detail)
		return representative(modeForEach, what)
	}
	if mi.ev.ephemeralIn(marked) {
		return bad(ephemeralRepetition)
	}
	if !v.IsKnown() {
		return representative(modeForEach, what)
	}
	if v.IsNull() {
		return bad("for_each must not be null")
	}
	// The keys become instance addresses, which are never hidden, so
	// Terraform refuses a sensitive for_each (a set with a sensitive
	// element is sensitive as a whole); sensitive map values are fine.
	if marked.HasMark(sensitiveMark) {
		return bad("a sensitive value cannot be used as for_each: its keys would be shown in the instance addresses")
	}
	ty := v.Type()
	if (ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) && v.LengthInt() > MaxBlockInstances {
		return mi.tooMany(expr, "for_each", strconv.Itoa(v.LengthInt()), what)
	}
	exp := &expansion{mode: modeForEach}
	switch {
	case ty.IsMapType() || ty.IsObjectType():
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			key := k.AsString()
			esh := sh.Get(key)
			if esh == nil {
				esh = fromCty(e, sh.Loc, "")
			} else {
				esh = annotate(e, esh, esh.Loc, nil, "")
			}
			// each.value keeps the marks the element has, so what it
			// passes on still makes edges and keeps its identity.
			exp.keys = append(exp.keys, &instanceKey{kind: keyString, str: key, each: markedElement(marked, k), eachSh: esh,
				keySh: graph.String(key, esh.Loc)})
		}
	case ty.IsSetType():
		if !v.IsWhollyKnown() {
			return representative(modeForEach, what)
		}
		et := ty.ElementType()
		if et != cty.String && et != cty.DynamicPseudoType {
			return bad(fmt.Sprintf("a set used in for_each must hold strings, not %s", et.FriendlyName()))
		}
		var list []*graph.Value
		if sh != nil {
			list = sh.List
		}
		pool := newElementPool(list)
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.IsNull() {
				return bad("a set used in for_each must not contain null")
			}
			esh := annotate(e, pool.match(e), sh.Loc, sh.Trace, "")
			exp.keys = append(exp.keys, &instanceKey{kind: keyString, str: e.AsString(), each: e, eachSh: esh, keySh: esh})
		}
	default:
		return bad(fmt.Sprintf("for_each must be a map, or a set of strings, and you have provided a value of type %s", ty.FriendlyName()))
	}
	sort.SliceStable(exp.keys, func(i, j int) bool { return exp.keys[i].str < exp.keys[j].str })
	return exp
}

// forEachLength counts the elements of a for_each collection before it is
// evaluated with positions: that conversion, and every check for marks or
// unknowns on the way, walks the whole collection (and sorts a set each
// time), which for a collection over the budget is wasted work done
// before the budget's error. It returns 0 when the value is not a known
// map, object or set.
func (mi *moduleInstance) forEachLength(expr hcl.Expression) int {
	s := mi.scope()
	if se, ok := jsonAsSyntax(expr); ok {
		forbudget.Bound(se, mi.ev.iterations)
		expr = se
	}
	ctx, _ := s.build(expr)
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return 0
	}
	v, _ = v.Unmark()
	ty := v.Type()
	if !v.IsKnown() || v.IsNull() || !(ty.IsMapType() || ty.IsObjectType() || ty.IsSetType()) {
		return 0
	}
	return v.LengthInt()
}

// markedElement is the element of the map or object m (marked, known) at
// key k, with m's own marks added as cty adds them when indexing.
func markedElement(m cty.Value, k cty.Value) cty.Value {
	inner, marks := m.Unmark()
	var e cty.Value
	if inner.Type().IsObjectType() {
		e = inner.GetAttr(k.AsString())
	} else {
		e = inner.Index(k)
	}
	return e.WithMarks(marks)
}
