package terraform

import (
	"fmt"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// syntaxItems lists the arguments and nested blocks of a .tf block body in
// source order; a dynamic block is named by its label.
func syntaxItems(sb *hclsyntax.Body) []resItem {
	out := make([]resItem, 0, len(sb.Attributes)+len(sb.Blocks))
	for _, a := range sb.Attributes {
		out = append(out, resItem{name: a.Name, expr: a.Expr, pos: a.SrcRange.Start.Byte})
	}
	for _, b := range sb.Blocks {
		switch {
		case b.Type != "dynamic":
			out = append(out, resItem{name: b.Type, block: b, pos: b.TypeRange.Start.Byte})
		case len(b.Labels) == 1:
			out = append(out, resItem{name: b.Labels[0], block: b, pos: b.TypeRange.Start.Byte})
		}
	}
	slices.SortFunc(out, byPos)
	return out
}

// jsonItems lists the arguments and dynamic blocks of a .tf.json body in
// source order: attrs are the body's arguments, blocks the dynamic blocks
// its "dynamic" property declares. Nested blocks are arguments in JSON.
func jsonItems(attrs hcl.Attributes, blocks hcl.Blocks) []resItem {
	out := make([]resItem, 0, len(attrs)+len(blocks))
	for n, a := range attrs {
		_, _, blocks := jsonNestedBlocks(a.Expr)
		out = append(out, resItem{name: n, expr: a.Expr, pos: a.Range.Start.Byte, jsonBlocks: blocks})
	}
	for _, b := range blocks {
		if b.Type == "dynamic" && len(b.Labels) == 1 {
			out = append(out, resItem{name: b.Labels[0], jdyn: b, pos: b.LabelRanges[0].Start.Byte})
		}
	}
	slices.SortStableFunc(out, byPos)
	return out
}

func byPos(a, b resItem) int { return a.pos - b.pos }

// jsonNestedSchema picks the dynamic blocks out of a .tf.json block body.
var jsonNestedSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "dynamic", LabelNames: []string{"type"}}},
}

// dynamicSchema is the body of a dynamic block in a .tf.json file.
var dynamicSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "for_each"}, {Name: "iterator"}, {Name: "labels"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "content"}},
}

// items evaluates a block body's items into a map: arguments as they are,
// nested blocks (literal and dynamic) as one list of maps per block type,
// each map located at its block. At the top of a resource body, arguments
// are the resource's own, memoized for other resources' references.
func (e *emitter) items(items []resItem, s *scope, path graph.Path, l graph.Location, top bool) *graph.Value {
	m := graph.Map(l)
	lists := map[string]*graph.Value{}
	// list is the list of maps of one block type, created by this body.
	// A .tf.json argument of the same name (a literal list of blocks) is
	// copied in first, so dynamic blocks append to it without changing
	// the argument's own shadow.
	list := func(typ string, l graph.Location) *graph.Value {
		if list, ok := lists[typ]; ok {
			return list
		}
		list := graph.List(nil, l)
		if prev := m.Get(typ); prev != nil && prev.Kind == graph.KindList {
			c := *prev
			c.List = append([]*graph.Value(nil), prev.List...)
			list = &c
		}
		lists[typ] = list
		m.Set(typ, list)
		return list
	}
	for _, it := range items {
		switch {
		case it.jsonBlocks && e.jsonNested(m, list, it, s, path):
		case it.expr != nil:
			p := path.Append(it.name)
			var v cty.Value
			var sh *graph.Value
			ok := false
			if top {
				v, sh, ok = e.mi.resourceAttr(e.rc, e.inst, it.name)
			}
			if !ok {
				v, sh = s.eval(it.expr)
			}
			e.edges(p, it.expr, v, sh, s)
			e.mi.checkEphemeralArgument(it.name, loc(it.expr.Range()), v)
			delete(lists, it.name)
			m.Set(it.name, sh)
		case it.block != nil && it.block.Type == "dynamic":
			d := e.syntaxDynamic(it.block)
			if d != nil {
				e.dynamic(d, s, path.Append(it.name), list(it.name, d.loc))
			}
		case it.block != nil:
			bl := list(it.name, loc(it.block.Range()))
			bl.List = append(bl.List, e.body(it.block.Body, s, path.Append(it.name, len(bl.List)), loc(it.block.Range())))
		case it.jdyn != nil:
			d := e.jsonDynamic(it.jdyn)
			if d != nil {
				e.dynamic(d, s, path.Append(it.name), list(it.name, d.loc))
			}
		}
	}
	return m
}

// body evaluates a nested block body of a .tf file.
func (e *emitter) body(sb *hclsyntax.Body, s *scope, path graph.Path, l graph.Location) *graph.Value {
	return e.items(syntaxItems(sb), s, path, l, false)
}

// jsonBody evaluates a block body of a .tf.json file: the content of a
// dynamic block, or a nested block read from an argument (jsonblocks.go).
func (e *emitter) jsonBody(b hcl.Body, s *scope, path graph.Path, l graph.Location) *graph.Value {
	content, remain, diags := b.PartialContent(jsonNestedSchema)
	e.mi.ev.addHCL(diags)
	attrs, diags := remain.JustAttributes()
	e.mi.ev.addHCL(diags)
	var blocks hcl.Blocks
	if content != nil {
		blocks = content.Blocks
	}
	return e.items(jsonItems(attrs, blocks), s, path, l, false)
}

// dynamicBlock is a dynamic block of either syntax, ready to expand.
type dynamicBlock struct {
	typ, iter string
	forEach   hcl.Expression
	loc       graph.Location // of the dynamic block, where each generated block is
	// content evaluates the content body for one element.
	content func(s *scope, path graph.Path, l graph.Location) *graph.Value
}

func (e *emitter) syntaxDynamic(b *hclsyntax.Block) *dynamicBlock {
	ev := e.mi.ev
	d := &dynamicBlock{typ: b.Labels[0], iter: b.Labels[0], loc: loc(b.Range())}
	for name, a := range b.Body.Attributes {
		switch name {
		case "for_each":
			d.forEach = a.Expr
		case "iterator":
			d.iter = iteratorName(a.Expr, d.iter, ev)
		case "labels":
		default:
			ev.errorAt(loc(a.NameRange), "Unsupported argument", fmt.Sprintf("an argument named %q is not expected in a dynamic block", name))
		}
	}
	var content *hclsyntax.Block
	for _, cb := range b.Body.Blocks {
		if cb.Type == "content" {
			content = cb
		}
	}
	if d.forEach == nil || content == nil {
		ev.errorAt(loc(b.DefRange()), "Invalid dynamic block", fmt.Sprintf("dynamic %q needs a for_each argument and a content block", d.typ))
		return nil
	}
	d.content = func(s *scope, path graph.Path, l graph.Location) *graph.Value {
		return e.body(content.Body, s, path, l)
	}
	return d
}

// jsonDynamic reads a dynamic block of a .tf.json file:
// "dynamic": {"ingress": {"for_each": "...", "iterator": "port", "content": {...}}}.
// Its generated blocks are located at the block's object.
func (e *emitter) jsonDynamic(b *hcl.Block) *dynamicBlock {
	ev := e.mi.ev
	d := &dynamicBlock{typ: b.Labels[0], iter: b.Labels[0], loc: loc(hcl.RangeBetween(b.DefRange, b.Body.MissingItemRange()))}
	c, diags := b.Body.Content(dynamicSchema)
	ev.addHCL(diags)
	if c == nil {
		return nil
	}
	if a, ok := c.Attributes["for_each"]; ok {
		d.forEach = a.Expr
	}
	if a, ok := c.Attributes["iterator"]; ok {
		d.iter = iteratorName(a.Expr, d.iter, ev)
	}
	var content *hcl.Block
	for _, cb := range c.Blocks {
		content = cb
	}
	if d.forEach == nil || content == nil {
		ev.errorAt(loc(b.DefRange), "Invalid dynamic block", fmt.Sprintf("dynamic %q needs a for_each argument and a content block", d.typ))
		return nil
	}
	d.content = func(s *scope, path graph.Path, l graph.Location) *graph.Value {
		return e.jsonBody(content.Body, s, path, l)
	}
	return d
}

// iteratorName reads a dynamic block's iterator argument, a bare name.
func iteratorName(expr hcl.Expression, def string, ev *evaluator) string {
	t, diags := hcl.AbsTraversalForExpr(expr)
	ev.addHCL(diags)
	if len(t) == 1 {
		return t.RootName()
	}
	return def
}

// dynamic expands a dynamic block the way Terraform does: one block per
// for_each element with the iterator in scope, nested dynamic blocks
// included. An unknown for_each gives one block whose iterator values are
// Unknown, as hcl's dynblock does.
func (e *emitter) dynamic(d *dynamicBlock, s *scope, path graph.Path, list *graph.Value) {
	ev := e.mi.ev
	add := func(it *iterVal) {
		list.List = append(list.List, d.content(s.withIter(d.iter, it), path.Append(len(list.List)), d.loc))
	}
	overBudget := func() {
		u := graph.Unknown("dynamic "+d.typ+" makes more blocks than rampart evaluates", loc(d.forEach.Range()))
		add(&iterVal{key: cty.DynamicVal, val: cty.DynamicVal, keySh: u, valSh: u})
		list.List[len(list.List)-1].Representative = true
	}
	// Past the unit's budget, for_each is not even evaluated: that alone
	// copies the collection, once per enclosing block.
	if ev.blocks.exceeded {
		overBudget()
		return
	}
	fv, fsh := s.eval(d.forEach)
	e.edges(path, d.forEach, fv, fsh, s)
	fv, _ = fv.UnmarkDeep()
	switch {
	case fv.IsKnown() && !fv.IsNull() && fv.CanIterateElements() && !ev.takeBlocks(fv.LengthInt(), d.forEach.Range()):
		overBudget()
	case !fv.IsKnown():
		u := graph.Unknown("for_each of dynamic "+d.typ+" is unknown", fsh.Loc)
		add(&iterVal{key: cty.DynamicVal, val: cty.DynamicVal, keySh: u, valSh: u})
		list.List[len(list.List)-1].Representative = true
	case fv.IsNull():
		ev.errorAt(loc(d.forEach.Range()), "Invalid dynamic for_each value", "Cannot use a null value in for_each.")
	case !fv.CanIterateElements():
		ev.errorAt(loc(d.forEach.Range()), "Invalid dynamic for_each value",
			fmt.Sprintf("Cannot use a %s value in for_each. An iterable collection is required.", fv.Type().FriendlyName()))
	default:
		i := 0
		pool := newElementPool(fsh.List)
		for it := fv.ElementIterator(); it.Next(); i++ {
			k, v := it.Element()
			var esh *graph.Value
			switch {
			case fv.Type().IsSetType():
				esh = pool.match(v)
			case k.Type() == cty.String:
				esh = fsh.Get(k.AsString())
			default:
				esh = fsh.Index(i)
			}
			base := fsh.Loc
			if esh != nil {
				base = esh.Loc
			}
			add(&iterVal{
				key: k, val: v,
				keySh: annotate(k, nil, base, nil, ""),
				valSh: annotate(v, esh, base, fsh.Trace, ""),
			})
		}
	}
}
