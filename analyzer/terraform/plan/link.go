package plan

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// link locates a resource in its configuration file (when available) and
// turns its configuration references into edges and unknown references.
func (p *parser) link(in *instance) {
	var body *hclsyntax.Body
	var overrides []overrideBlock
	located := false
	if mf := p.sources[in.cfgMod]; mf != nil {
		overrides = mf.overrides[in.rel]
		if b := mf.blocks[in.rel]; b != nil {
			located = true
			loc := hclLoc(b.Range())
			in.res.Loc = loc
			setLoc(in.res.Attrs, loc)
			for _, v := range in.res.Meta {
				setLoc(v, loc)
			}
			body = mergeOverrides(b.Body, overrides)
			p.addFile(loc.File)
		} else if b := mf.jsonBlocks[in.rel]; b != nil {
			located = true
			p.locateJSON(in, b)
		} else {
			p.unit.Diagnostics.Notef(in.res.Loc, "no block for %s in the configuration files of %s; it is located in the plan file", in.res.ID, mf.dir)
		}
	}
	var exprs *node
	if in.cfg != nil {
		exprs = in.cfg.get("expressions")
	}
	p.walkBody(in, exprs, body, nil, in.res.Attrs)
	p.dependsOn(in, body)
	if located && len(overrides) > 0 {
		p.locateOverrides(in, overrides, body != nil)
	}
}

// mergeOverrides returns a resource's body as Terraform merges the
// override files written in HCL into it: each argument an override writes
// replaces the original's, and the nested blocks of each type an override
// writes replace all the original's blocks of that type (a dynamic block
// counting as its type). The plan's values come from the merged
// configuration, so the merged body is where they are written. Overrides
// in JSON syntax are left to locateOverrides.
func mergeOverrides(base *hclsyntax.Body, overrides []overrideBlock) *hclsyntax.Body {
	merged := base
	for _, ov := range overrides {
		if ov.syntax == nil {
			continue
		}
		if merged == base {
			c := *base
			c.Attributes = make(hclsyntax.Attributes, len(base.Attributes))
			for name, a := range base.Attributes {
				c.Attributes[name] = a
			}
			merged = &c
		}
		for name, a := range ov.syntax.Body.Attributes {
			merged.Attributes[name] = a
		}
		replaced := map[string]bool{}
		for _, b := range ov.syntax.Body.Blocks {
			replaced[nestedBlockType(b)] = true
		}
		var blocks hclsyntax.Blocks
		for _, b := range merged.Blocks {
			if !replaced[nestedBlockType(b)] {
				blocks = append(blocks, b)
			}
		}
		merged.Blocks = append(blocks, ov.syntax.Body.Blocks...)
	}
	return merged
}

// nestedBlockType is the type of the blocks a nested block writes: its
// own type, or the label of a dynamic block.
func nestedBlockType(b *hclsyntax.Block) string {
	if b.Type == "dynamic" && len(b.Labels) == 1 {
		return b.Labels[0]
	}
	return b.Type
}

// locateOverrides locates what override files replace in a resource when
// a merged HCL body cannot say: an override written in JSON, or any
// override of a resource declared in .tf.json. As in locateJSON, each
// replaced top-level attribute is located, with everything in it, at the
// override's attribute (for nested blocks, at the first block of the
// type). merged says that the HCL overrides are already in the body
// walkBody located the values with.
func (p *parser) locateOverrides(in *instance, overrides []overrideBlock, merged bool) {
	type writer struct {
		loc  hcl.Range
		json bool
	}
	last := map[string]writer{}
	for _, ov := range overrides {
		if ov.syntax != nil {
			for name, a := range ov.syntax.Body.Attributes {
				last[name] = writer{loc: a.SrcRange}
			}
			seen := map[string]bool{}
			for _, b := range ov.syntax.Body.Blocks {
				if typ := nestedBlockType(b); !seen[typ] {
					seen[typ] = true
					last[typ] = writer{loc: b.Range()}
				}
			}
			p.addFile(ov.syntax.Range().Filename)
			continue
		}
		attrs, _ := ov.json.Body.JustAttributes()
		for name, a := range attrs {
			last[name] = writer{loc: a.Range, json: true}
		}
	}
	for name, w := range last {
		if merged && !w.json {
			continue
		}
		if child := in.res.Attrs.Get(name); child != nil {
			setLoc(child, hclLoc(w.loc))
			p.addFile(w.loc.Filename)
		}
	}
}

// locateJSON locates a resource declared in a .tf.json file. JSON bodies
// do not say which properties are nested blocks, so the resource is located
// at its name and each top-level attribute, with everything in it, at the
// attribute's property.
func (p *parser) locateJSON(in *instance, b *hcl.Block) {
	loc := hclLoc(b.DefRange)
	in.res.Loc = loc
	setLoc(in.res.Attrs, loc)
	for _, v := range in.res.Meta {
		setLoc(v, loc)
	}
	p.addFile(loc.File)
	attrs, _ := b.Body.JustAttributes()
	for name, a := range attrs {
		if child := in.res.Attrs.Get(name); child != nil {
			setLoc(child, hclLoc(a.Range))
		}
	}
}

// walkBody visits one configuration body (a resource or a nested block)
// with its plan value. exprs is the body's expressions from the plan's
// configuration section, body its HCL source; either may be nil.
func (p *parser) walkBody(in *instance, exprs *node, body *hclsyntax.Body, path graph.Path, v *graph.Value) {
	static := map[string][]*hclsyntax.Block{}
	dynamic := map[string][]*hclsyntax.Block{}
	if body != nil {
		if v != nil && v.Kind == graph.KindMap {
			for name, attr := range body.Attributes {
				if child := v.Fields[name]; child != nil {
					locateExpr(child, attr.Expr, hclLoc(attr.SrcRange))
				}
			}
		}
		for _, b := range body.Blocks {
			switch {
			case b.Type == "dynamic" && len(b.Labels) == 1:
				dynamic[b.Labels[0]] = append(dynamic[b.Labels[0]], b)
			case len(b.Labels) == 0:
				static[b.Type] = append(static[b.Type], b)
			}
		}
	}
	done := map[string]bool{}
	if exprs.isObject() {
		for _, key := range exprs.keys {
			e := exprs.fields[key]
			child := v.Get(key)
			switch {
			case isExpression(e):
				var hexpr hclsyntax.Expression
				if body != nil {
					if a := body.Attributes[key]; a != nil {
						hexpr = a.Expr
					}
				}
				p.expression(in, e, hexpr, path.Append(key), child)
			case e.isArray():
				done[key] = true
				p.blocks(in, e.items, static[key], dynamic[key], path.Append(key), child)
			case e.isObject():
				// A single nested block: the value is an object too.
				done[key] = true
				var hb *hclsyntax.Body
				if bs := static[key]; len(bs) == 1 && child != nil {
					setLoc(child, hclLoc(bs[0].Range()))
					hb = bs[0].Body
				}
				p.walkBody(in, e, hb, path.Append(key), child)
			}
		}
	}
	// Blocks the configuration section did not describe (a plan without
	// configuration, blocks only written as dynamic blocks) are still
	// located, in source order.
	for typ, bs := range static {
		if !done[typ] {
			p.blocks(in, nil, bs, dynamic[typ], path.Append(typ), v.Get(typ))
		}
	}
	for typ, bs := range dynamic {
		if !done[typ] && static[typ] == nil {
			p.blocks(in, nil, nil, bs, path.Append(typ), v.Get(typ))
		}
	}
}

// blocks visits the nested blocks of one type. cfg holds their expressions
// in source order (static blocks only, as in the HCL), hbs their HCL blocks.
// The plan value may order them differently (set-typed blocks are sorted by
// value), so configuration blocks are matched to plan elements by content.
func (p *parser) blocks(in *instance, cfg []*node, hbs, dyn []*hclsyntax.Block, path graph.Path, list *graph.Value) {
	n := len(cfg)
	if n == 0 {
		n = len(hbs)
	}
	var elems []*graph.Value
	if list != nil && list.Kind == graph.KindList {
		elems = list.List
	}
	order := matchBlocks(cfg, hbs, n, elems)
	used := make([]bool, len(elems))
	for j := 0; j < n; j++ {
		var elem *graph.Value
		epath := path.Append(j)
		if i := order[j]; i >= 0 {
			elem = elems[i]
			used[i] = true
			epath = path.Append(i)
		}
		var hb *hclsyntax.Body
		if j < len(hbs) {
			if elem != nil {
				setLoc(elem, hclLoc(hbs[j].Range()))
			}
			hb = hbs[j].Body
		}
		var c *node
		if j < len(cfg) {
			c = cfg[j]
		}
		p.walkBody(in, c, hb, epath, elem)
	}
	// Elements no static block produced come from dynamic blocks; with one
	// dynamic block of the type, that block is where they are written.
	if len(dyn) == 1 {
		for i, e := range elems {
			if !used[i] {
				setLoc(e, hclLoc(dyn[0].Range()))
			}
		}
	}
}

// blockConstants returns the constant attributes of configuration block j
// in canonical form: from the plan's configuration section when it has the
// block, else from the HCL source (attributes that use no variables).
func blockConstants(cfg []*node, hbs []*hclsyntax.Block, j int) map[string]string {
	out := map[string]string{}
	if j < len(cfg) {
		c := cfg[j]
		if c.isObject() {
			for _, k := range c.keys {
				if e := c.fields[k]; isExpression(e) {
					if cv := e.get("constant_value"); cv != nil {
						out[k] = canonNode(cv)
					}
				}
			}
		}
		return out
	}
	if j < len(hbs) {
		for name, a := range hbs[j].Body.Attributes {
			if len(a.Expr.Variables()) > 0 {
				continue
			}
			v, diags := a.Expr.Value(nil)
			if diags.HasErrors() {
				continue
			}
			if s, ok := ctyCanon(v); ok {
				out[name] = s
			}
		}
	}
	return out
}

// matchBlocks returns, for each of n configuration blocks, the index of the
// plan element it produced, or -1. A block matches an element when every
// constant attribute of the block equals the element's attribute (unknowns
// match anything). Blocks with a single candidate are settled first; the
// rest prefer their own position, then the first free candidate, then any
// element left.
func matchBlocks(cfg []*node, hbs []*hclsyntax.Block, n int, elems []*graph.Value) []int {
	order := make([]int, n)
	consts := make([]map[string]string, n)
	for j := range order {
		order[j] = -1
		consts[j] = blockConstants(cfg, hbs, j)
	}
	used := make([]bool, len(elems))
	compatible := func(j, i int) bool {
		return !used[i] && blockMatches(consts[j], elems[i])
	}
	for changed := true; changed; {
		changed = false
		for j := range order {
			if order[j] >= 0 {
				continue
			}
			cand := -1
			count := 0
			for i := range elems {
				if compatible(j, i) {
					cand = i
					count++
				}
			}
			if count == 1 {
				order[j], used[cand], changed = cand, true, true
			}
		}
	}
	for j := range order {
		if order[j] >= 0 {
			continue
		}
		if j < len(elems) && compatible(j, j) {
			order[j], used[j] = j, true
			continue
		}
		for i := range elems {
			if compatible(j, i) {
				order[j], used[i] = i, true
				break
			}
		}
	}
	// Blocks no element agrees with (a provider that normalizes what it is
	// given, "TCP" planned as "tcp") take the elements left over, in order.
	next := 0
	for j := range order {
		if order[j] >= 0 {
			continue
		}
		for next < len(elems) && used[next] {
			next++
		}
		if next == len(elems) {
			break
		}
		order[j], used[next] = next, true
	}
	return order
}

// blockMatches compares a block's constant attributes with a plan element.
func blockMatches(consts map[string]string, elem *graph.Value) bool {
	if elem == nil || elem.Kind != graph.KindMap {
		return false
	}
	for k, c := range consts {
		v := elem.Fields[k]
		if v == nil || !v.IsWhollyKnown() {
			continue
		}
		if c != canonValue(v) {
			return false
		}
	}
	return true
}

// canonNode and canonValue render a configuration constant and a plan value
// in one comparable form. Scalars compare by their string form because
// Terraform converts "22" to 22 for a number attribute; lists compare as
// sorted multisets because set-typed attributes are reordered in the plan.
func canonNode(n *node) string {
	switch n.kind {
	case nodeNull:
		return "\x00null"
	case nodeBool:
		if n.bool {
			return "true"
		}
		return "false"
	case nodeNumber:
		var v graph.Value
		v.Kind = graph.KindString
		v.Str = string(n.num)
		if f, ok := v.AsNumber(); ok {
			return graph.FormatNumber(f)
		}
		return string(n.num)
	case nodeString:
		return n.str
	case nodeArray:
		parts := make([]string, len(n.items))
		for i, it := range n.items {
			parts[i] = canonNode(it)
		}
		return canonList(parts)
	default:
		parts := make([]string, 0, len(n.keys))
		for _, k := range n.keys {
			parts = append(parts, k+"\x02"+canonNode(n.fields[k]))
		}
		return canonMap(parts)
	}
}

func canonValue(v *graph.Value) string {
	switch v.Kind {
	case graph.KindNull:
		return "\x00null"
	case graph.KindList:
		parts := make([]string, len(v.List))
		for i, it := range v.List {
			parts[i] = canonValue(it)
		}
		return canonList(parts)
	case graph.KindMap:
		parts := make([]string, 0, len(v.Keys))
		for _, k := range v.Keys {
			parts = append(parts, k+"\x02"+canonValue(v.Fields[k]))
		}
		return canonMap(parts)
	case graph.KindUnknown:
		return "\x00unknown"
	}
	s, _ := v.AsString()
	return s
}

func canonList(parts []string) string {
	sort.Strings(parts)
	return "[" + strings.Join(parts, "\x01") + "]"
}

func canonMap(parts []string) string {
	sort.Strings(parts)
	return "{" + strings.Join(parts, "\x01") + "}"
}

// locateExpr locates v (written as expr, at loc) and, where the expression's
// structure mirrors the value, each list element and map entry at its own
// range.
func locateExpr(v *graph.Value, expr hclsyntax.Expression, loc graph.Location) {
	setLoc(v, loc)
	switch e := expr.(type) {
	case *hclsyntax.TupleConsExpr:
		if v.Kind != graph.KindList {
			return
		}
		for i, j := range tupleOrder(v.List, e.Exprs) {
			if j >= 0 {
				locateExpr(v.List[i], e.Exprs[j], hclLoc(e.Exprs[j].Range()))
			}
		}
	case *hclsyntax.ObjectConsExpr:
		if v.Kind != graph.KindMap {
			return
		}
		for _, item := range e.Items {
			key, ok := objectKey(item.KeyExpr)
			if !ok {
				continue
			}
			if child := v.Fields[key]; child != nil {
				locateExpr(child, item.ValueExpr, hclLoc(hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())))
			}
		}
	case *hclsyntax.TemplateWrapExpr:
		locateExpr(v, e.Wrapped, loc)
	case *hclsyntax.ParenthesesExpr:
		locateExpr(v, e.Expression, loc)
	}
}

// tupleOrder maps list elements to the tuple items that wrote them. Items
// that are constants are matched by value (a set attribute is reordered in
// the plan); the remaining elements take the remaining items in order. It
// returns -1 for elements it cannot attribute, and all -1 when the counts
// differ (a splat, concat or for expression built the list).
func tupleOrder(elems []*graph.Value, items []hclsyntax.Expression) []int {
	out := make([]int, len(elems))
	for i := range out {
		out[i] = -1
	}
	if len(elems) != len(items) {
		return out
	}
	consts := make([]string, len(items))
	isConst := make([]bool, len(items))
	for j, it := range items {
		if len(it.Variables()) > 0 {
			continue
		}
		cv, diags := it.Value(nil)
		if diags.HasErrors() || !cv.IsWhollyKnown() {
			continue
		}
		if s, ok := ctyCanon(cv); ok {
			consts[j], isConst[j] = s, true
		}
	}
	used := make([]bool, len(items))
	for i, e := range elems {
		if !e.IsWhollyKnown() {
			continue
		}
		c := canonValue(e)
		for j := range items {
			if !used[j] && isConst[j] && consts[j] == c {
				out[i], used[j] = j, true
				break
			}
		}
	}
	next := 0
	for i := range elems {
		if out[i] >= 0 {
			continue
		}
		for next < len(items) && (used[next] || isConst[next]) {
			next++
		}
		if next == len(items) {
			break
		}
		out[i], used[next] = next, true
	}
	return out
}

// objectKey returns the literal key of an object constructor item.
func objectKey(e hclsyntax.Expression) (string, bool) {
	v, diags := e.Value(nil)
	if diags.HasErrors() || v.IsNull() || !v.IsKnown() || !v.Type().Equals(ctyString) {
		return "", false
	}
	return v.AsString(), true
}
