package terraform

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

// scope is where an expression is evaluated: a module instance plus the
// repetition variables in force (count.index, each.*, dynamic block
// iterators). A scope without a module instance evaluates literals only
// (tfvars files, variable defaults).
type scope struct {
	ev    *evaluator
	mi    *moduleInstance
	key   *instanceKey
	iters map[string]*iterVal
	// self is the resource instance a postcondition checks.
	self *selfRef
	// check is the check block whose assertion is evaluated: its scoped
	// data sources are declared there.
	check *checkConfig
	// discarded is set where only the errors of an evaluation are kept
	// (an argument of a module call that is only validated): the inputs
	// of its values are not told apart, for a shadow nobody reads.
	discarded bool
}

// selfRef is the resource instance self stands for.
type selfRef struct {
	rc   *resourceConfig
	inst *resInstance
}

// iterVal is a dynamic block iterator: name.key and name.value.
type iterVal struct {
	key, val     cty.Value
	keySh, valSh *graph.Value
	obj          cty.Value // {key, value}, built on first use
}

// input is a named value an expression read, with the note its hop gets
// and the group (provMark) of the named value it starts from.
type input struct {
	sh    *graph.Value
	note  string
	group provMark
}

func (s *scope) diag(diags hcl.Diagnostics) {
	if len(diags) == 0 {
		return
	}
	if !s.representative() {
		s.ev.addHCL(diags)
		return
	}
	for _, d := range diags {
		if d.Severity != hcl.DiagError || staticError(d) {
			s.ev.addHCL(hcl.Diagnostics{d})
			continue
		}
		gd := graph.Diagnostic{Severity: graph.SeverityNote, Summary: d.Summary, Detail: representativeFailure + d.Detail}
		if d.Subject != nil {
			gd.Location = loc(*d.Subject)
		}
		s.ev.addDiag(gd)
	}
}

// representative reports whether s evaluates the body of an instance that
// stands for an unknown number of instances: its resource's or module
// call's count/for_each (or an enclosing module call's) is unknown.
func (s *scope) representative() bool {
	return (s.key != nil && s.key.kind == keyUnknown) || (s.mi != nil && s.mi.representative)
}

const representativeFailure = "could not be evaluated for an instance whose count/for_each is unknown: "

// staticError tells errors that do not depend on any value (a function
// that does not exist, a wrong number of arguments, an expression of
// constants that fails: length(1), file("missing")) from evaluation
// errors: terraform validate reports them whatever the instances. A spent
// iteration budget is rampart's own limit, reported in any instance.
func staticError(d *hcl.Diagnostic) bool {
	switch d.Summary {
	case "Call to unknown function", "Not enough function arguments", "Too many function arguments", forbudget.Summary:
		return true
	}
	return d.Expression != nil && len(d.Expression.Variables()) == 0
}

// deferred reports whether diags hold an evaluation error that, in a
// representative instance, makes the value Unknown instead of failing the
// module: Terraform evaluates such a body only once the instances are
// known, and with the values they then have. It returns the Unknown's
// reason.
func (s *scope) deferred(diags hcl.Diagnostics) (string, bool) {
	if !diags.HasErrors() || !s.representative() {
		return "", false
	}
	var first *hcl.Diagnostic
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if staticError(d) {
			return "", false
		}
		if first == nil {
			first = d
		}
	}
	msg := first.Summary
	if detail := strings.TrimSuffix(first.Detail, "."); detail != "" {
		msg += ": " + detail
	}
	return representativeFailure + msg, true
}

func (s *scope) withIter(name string, it *iterVal) *scope {
	c := *s
	c.iters = make(map[string]*iterVal, len(s.iters)+1)
	for k, v := range s.iters {
		c.iters[k] = v
	}
	c.iters[name] = it
	return &c
}

// eval evaluates expr and returns its value and its shadow: the same value
// as a graph.Value whose every part knows where it was written. Tuple and
// object constructors are evaluated element by element so each element
// keeps its own position; a plain reference reuses the shadow of what it
// names; anything else is located at the expression with the provenance
// of the named values it read.
func (s *scope) eval(expr hcl.Expression) (cty.Value, *graph.Value) {
	if se, ok := jsonAsSyntax(expr); ok {
		forbudget.Bound(se, s.ev.iterations)
		expr = se
	}
	l := loc(expr.Range())
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		return e.Val, fromCty(e.Val, l, "")
	case *hclsyntax.TemplateExpr:
		if e.IsStringLiteral() {
			v, diags := e.Value(nil)
			s.diag(diags)
			return v, fromCty(v, l, "")
		}
		return s.evalTemplate(e, l)
	case *hclsyntax.TemplateWrapExpr:
		return s.eval(e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		return s.eval(e.Expression)
	case *hclsyntax.TupleConsExpr:
		vals := make([]cty.Value, len(e.Exprs))
		items := make([]*graph.Value, len(e.Exprs))
		for i, el := range e.Exprs {
			vals[i], items[i] = s.eval(el)
		}
		return cty.TupleVal(vals), graph.List(items, l)
	case *hclsyntax.ObjectConsExpr:
		if v, sh, ok := s.evalObject(e, l); ok {
			return v, sh
		}
	case *hclsyntax.ConditionalExpr:
		return s.evalConditional(e, l)
	case *hclsyntax.ScopeTraversalExpr:
		return s.traverse(e.Traversal, l)
	case *hclsyntax.RelativeTraversalExpr:
		if t, ok := s.staticTraversal(e); ok {
			return s.traverse(t, l)
		}
	case *hclsyntax.IndexExpr:
		if t, ok := s.staticTraversal(e); ok {
			return s.traverse(t, l)
		}
	case *hclsyntax.SplatExpr:
		if v, sh, ok := s.evalSplat(e, l); ok {
			return v, sh
		}
	case *hclsyntax.FunctionCallExpr:
		if isJSONEncode(e) {
			return s.evalJSONEncode(e, l)
		}
	}
	return s.generic(expr, l)
}

// isJSONEncode reports whether e is jsonencode(x) with one plain argument.
func isJSONEncode(e *hclsyntax.FunctionCallExpr) bool {
	return (e.Name == "jsonencode" || e.Name == "core::jsonencode") && len(e.Args) == 1 && !e.ExpandFinal
}

// evalJSONEncode evaluates jsonencode(x) as any call, and keeps the shadow
// of x, evaluated element by element, on the resulting string: a policy
// written as jsonencode({... Resource = aws_s3_bucket.b.arn ...}) is an
// Unknown string, and its literal statements and actions survive only
// there. The argument is evaluated a second time for its shadow; named
// values are memoized and diagnostics deduplicated, so that costs the
// expression's own work only.
func (s *scope) evalJSONEncode(e *hclsyntax.FunctionCallExpr, l graph.Location) (cty.Value, *graph.Value) {
	v, sh := s.generic(e, l)
	if sh.Kind != graph.KindString && sh.Kind != graph.KindUnknown {
		return v, sh
	}
	_, tree := s.eval(e.Args[0])
	c := *sh
	c.Decoded = tree
	return v, &c
}

// evalSplat gives aws_subnet.private[*].id, the usual way to pass a
// repeated resource's ids on, one shadow per instance, so each element is
// a reference to its instance (and becomes an edge) rather than an
// anonymous Unknown.
func (s *scope) evalSplat(e *hclsyntax.SplatExpr, l graph.Location) (cty.Value, *graph.Value, bool) {
	if s.mi == nil {
		return cty.NilVal, nil, false
	}
	src, ok := e.Source.(*hclsyntax.ScopeTraversalExpr)
	if !ok {
		return cty.NilVal, nil, false
	}
	each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr)
	if !ok || len(each.Traversal) != 1 {
		return cty.NilVal, nil, false
	}
	if _, ok := each.Source.(*hclsyntax.AnonSymbolExpr); !ok {
		return cty.NilVal, nil, false
	}
	attr, ok := each.Traversal[0].(hcl.TraverseAttr)
	if !ok {
		return cty.NilVal, nil, false
	}
	t := src.Traversal
	var rc *resourceConfig
	switch {
	case t.RootName() == "data" && len(t) == 3:
		typ, _ := attrStep(t, 1)
		name, _ := attrStep(t, 2)
		rc = s.mi.cfg.byAddr["data."+typ+"."+name]
	case len(t) == 2:
		name, _ := attrStep(t, 1)
		rc = s.mi.cfg.byAddr[t.RootName()+"."+name]
	}
	if rc == nil {
		return cty.NilVal, nil, false
	}
	re := s.mi.resExpansion(rc)
	if re.unknown || re.mode == modeForEach {
		return cty.NilVal, nil, false
	}
	val, _ := s.generic(e, l)
	items := make([]*graph.Value, 0, len(re.insts))
	for _, inst := range re.insts {
		steps := hcl.Traversal{attr}
		if re.mode == modeCount {
			steps = hcl.Traversal{hcl.TraverseIndex{Key: cty.NumberIntVal(int64(inst.key.idx))}, attr}
		}
		origin, note, rest := s.mi.refOrigin(rc, steps)
		n := navigate(origin, rest)
		if n == nil {
			return cty.NilVal, nil, false
		}
		items = append(items, derive(n, l, note))
	}
	return val, annotate(val, graph.List(items, l), l, nil, ""), true
}

func (s *scope) evalObject(e *hclsyntax.ObjectConsExpr, l graph.Location) (cty.Value, *graph.Value, bool) {
	keys := make([]string, len(e.Items))
	for i, item := range e.Items {
		ctx, _ := s.build(item.KeyExpr)
		kv, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() {
			return cty.NilVal, nil, false
		}
		kv, _ = kv.UnmarkDeep()
		if !kv.IsKnown() || kv.IsNull() {
			return cty.NilVal, nil, false
		}
		ks, err := convert.Convert(kv, cty.String)
		if err != nil {
			return cty.NilVal, nil, false
		}
		keys[i] = ks.AsString()
	}
	attrs := make(map[string]cty.Value, len(e.Items))
	m := graph.Map(l)
	for i, item := range e.Items {
		v, sh := s.eval(item.ValueExpr)
		attrs[keys[i]] = v
		m.Set(keys[i], sh)
	}
	return cty.ObjectVal(attrs), m, true
}

// evalConditional picks the branch when the condition is known, so the
// result keeps the chosen branch's positions and provenance; the value
// itself comes from hcl, which also unifies the branch types.
//
// The condition is evaluated again, in the context the whole expression
// was evaluated in: it holds every value the condition reads (a resource
// object with at least the attributes the condition names), marked for
// provenance perhaps, which the condition's value is unmarked of.
func (s *scope) evalConditional(e *hclsyntax.ConditionalExpr, l graph.Location) (cty.Value, *graph.Value) {
	full, fullSh, ctx := s.genericIn(e, l)
	cond, diags := e.Condition.Value(ctx)
	if diags.HasErrors() {
		return full, fullSh
	}
	cond, _ = cond.UnmarkDeep()
	cond, err := convert.Convert(cond, cty.Bool)
	if err != nil || !cond.IsKnown() || cond.IsNull() {
		return full, fullSh
	}
	branch := e.FalseResult
	if cond.True() {
		branch = e.TrueResult
	}
	_, sh := s.eval(branch)
	out := annotate(full, sh, l, nil, "")
	return full, withBranchHop(out, e.Condition, s.conditionInputs(e.Condition), cond.True())
}

// staticTraversal turns index and attribute steps applied to a reference
// (aws_instance.web[count.index].id) into one absolute traversal when the
// index keys are known, so it gets a reference's shadow and Ref.
func (s *scope) staticTraversal(expr hclsyntax.Expression) (hcl.Traversal, bool) {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return e.Traversal, true
	case *hclsyntax.RelativeTraversalExpr:
		src, ok := s.staticTraversal(e.Source)
		if !ok {
			return nil, false
		}
		return append(append(hcl.Traversal(nil), src...), e.Traversal...), true
	case *hclsyntax.IndexExpr:
		src, ok := s.staticTraversal(e.Collection)
		if !ok {
			return nil, false
		}
		ctx, _ := s.build(e.Key)
		k, diags := e.Key.Value(ctx)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.ContainsMarked() {
			return nil, false
		}
		if k.Type() != cty.String && k.Type() != cty.Number {
			return nil, false
		}
		return append(append(hcl.Traversal(nil), src...), hcl.TraverseIndex{Key: k, SrcRange: e.Key.Range()}), true
	}
	return nil, false
}

// traverse evaluates a reference. Its shadow is the referenced value's
// shadow moved to the use site with one more hop, so var.cidr used here
// still says it was written in prod.tfvars.
func (s *scope) traverse(t hcl.Traversal, l graph.Location) (cty.Value, *graph.Value) {
	if s.mi == nil {
		return s.generic(&hclsyntax.ScopeTraversalExpr{Traversal: t, SrcRange: t.SourceRange()}, l)
	}
	b := s.newBuilder([]hcl.Traversal{t}, func() map[string]bool { return attrNamesOfTraversal(t) })
	origin, note, rest := b.add(t)
	val, diags := b.traverseAbs(t)
	s.diag(diags)
	if reason, ok := s.deferred(diags); ok {
		var inputs []input
		if origin != nil {
			inputs = []input{{sh: origin, note: note}}
		}
		return cty.DynamicVal, annotate(cty.DynamicVal, nil, l, hopsOf(inputs), reason)
	}
	if diags.HasErrors() {
		val = cty.DynamicVal
	}
	var sh *graph.Value
	if n := navigate(origin, rest); n != nil {
		sh = derive(n, l, note)
	} else {
		var inputs []input
		if origin != nil {
			inputs = []input{{sh: origin, note: note}}
		}
		reason := ""
		if !val.IsWhollyKnown() {
			reason = unknownReason(diags, inputs)
		}
		return val, annotate(val, nil, l, hopsOf(inputs), reason)
	}
	return val, annotate(val, sh, l, nil, "")
}

// generic evaluates any other expression with hcl and locates the result
// at the expression, with the provenance of everything it read.
func (s *scope) generic(expr hcl.Expression, l graph.Location) (cty.Value, *graph.Value) {
	v, sh, _ := s.genericIn(expr, l)
	return v, sh
}

// genericIn is generic, which also returns the context expr was
// evaluated in.
func (s *scope) genericIn(expr hcl.Expression, l graph.Location) (cty.Value, *graph.Value, *hcl.EvalContext) {
	ctx, inputs, tracked := s.emptyCtx(), []input(nil), map[provMark]bool(nil)
	substituted := func() *hcl.EvalContext { return nil }
	if b, groups := s.builderFor(expr); b != nil {
		// Without inputs (a body only validated, where every reference
		// is Unknown; count.index, path.module) there is no provenance
		// to tell apart, and marking the context for it is wasted.
		if len(b.inputs) > 0 && !s.discarded {
			tracked = b.track(groups)
		}
		ctx, inputs, substituted = b.ctx(), b.inputs, b.substitutedCtx
	}
	_, spentBefore := s.ev.iterations.Spent()
	val, diags := expr.Value(ctx)
	s.diag(diags)
	if _, spent := s.ev.iterations.Spent(); spent && !spentBefore {
		// What the loops built before the budget ran out is partial and
		// may be large: it is not worth converting.
		return cty.DynamicVal, graph.Unknown("for expressions run more iterations than rampart evaluates", l), ctx
	}
	if d := sizeBudget(val, expr.Range()); d != nil {
		s.diag(hcl.Diagnostics{d})
		return cty.DynamicVal, graph.Unknown("value larger than rampart evaluates", l), ctx
	}
	if tracked != nil {
		var used map[provMark]bool
		val, used = takeProvenance(val)
		inputs = usedInputs(inputs, tracked, used)
	}
	val = keepIdentities(expr, substituted, val)
	if reason, ok := s.deferred(diags); ok {
		return cty.DynamicVal, annotate(cty.DynamicVal, nil, l, hopsOf(inputs), reason), ctx
	}
	reason := ""
	if !val.IsWhollyKnown() {
		reason = unknownReason(diags, inputs)
	}
	return val, annotate(val, nil, l, hopsOf(inputs), reason), ctx
}

// build makes the evaluation context for expr: only the named values it
// references, each evaluated on demand.
func (s *scope) build(expr hcl.Expression) (*hcl.EvalContext, []input) {
	b, _ := s.builderFor(expr)
	if b == nil {
		return s.emptyCtx(), nil
	}
	return b.ctx(), b.inputs
}

func (s *scope) emptyCtx() *hcl.EvalContext {
	if s.mi == nil {
		return nil
	}
	return &hcl.EvalContext{Functions: s.mi.funcs}
}

// builderFor adds every named value expr references to a new builder and
// lists its inputs, each with its group; nil when there are none.
func (s *scope) builderFor(expr hcl.Expression) (*builder, map[string]provMark) {
	if s.mi == nil {
		return nil, nil
	}
	facts := s.ev.loader.facts(expr)
	vars := facts.vars
	if len(vars) == 0 {
		return nil, nil
	}
	b := s.newBuilder(vars, func() map[string]bool { return facts.attrNames(expr) })
	b.consumedOf = func() map[hcl.Range]bool { return facts.consumedRefs(expr) }
	groups := map[string]provMark{}
	for _, t := range vars {
		key := groupKey(t)
		g, ok := groups[key]
		if !ok {
			g = provMark(len(groups))
			groups[key] = g
		}
		origin, note, rest := b.add(t)
		if origin == nil {
			continue
		}
		if n := navigate(origin, rest); n != nil {
			origin = n
		}
		b.inputs = append(b.inputs, input{sh: origin, note: note, group: g})
	}
	return b, groups
}

// attrNamesOfTraversal lists the attribute names a traversal reads.
func attrNamesOfTraversal(t hcl.Traversal) map[string]bool {
	out := map[string]bool{}
	for _, step := range t {
		if a, ok := step.(hcl.TraverseAttr); ok {
			out[a.Name] = true
		}
	}
	return out
}

// attrNamesOfExpr lists every attribute name read anywhere in expr,
// including after index, splat and for expressions
// (aws_instance.web[count.index].id, [for s in aws_instance.web : s.arn]).
// Objects standing for resources and module calls get exactly these
// attributes: cty objects are closed, so an attribute not built would be
// an error rather than Unknown.
func attrNamesOfExpr(expr hcl.Expression, vars []hcl.Traversal) map[string]bool {
	out := map[string]bool{}
	for _, t := range vars {
		for k := range attrNamesOfTraversal(t) {
			out[k] = true
		}
	}
	if se, ok := expr.(hclsyntax.Expression); ok {
		addReadNames(se, out, false)
	}
	return out
}

// addReadNames adds to out the attribute names read anywhere below n
// (traversals and literal string indexes) and, with lookupKeys, the
// literal keys lookup() is called with, which read an attribute of an
// open whole-resource object too.
func addReadNames(n hclsyntax.Node, out map[string]bool, lookupKeys bool) {
	_ = hclsyntax.VisitAll(n, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			for k := range attrNamesOfTraversal(e.Traversal) {
				out[k] = true
			}
		case *hclsyntax.RelativeTraversalExpr:
			for k := range attrNamesOfTraversal(e.Traversal) {
				out[k] = true
			}
		case *hclsyntax.IndexExpr:
			if lit, ok := e.Key.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
				out[lit.Val.AsString()] = true
			}
		case *hclsyntax.FunctionCallExpr:
			if lookupKeys && (e.Name == "lookup" || e.Name == "core::lookup") && len(e.Args) > 1 {
				if s, ok := literalString(e.Args[1]); ok {
					out[s] = true
				}
			}
		}
		return nil
	})
}

// unknownReason explains an Unknown result: an evaluation error, else the
// first unknown input.
func unknownReason(diags hcl.Diagnostics, inputs []input) string {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			return "invalid expression: " + d.Summary
		}
	}
	return firstUnknownReason(inputs)
}
