package plan

import (
	"sort"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// target is one resource a reference resolves to.
type target struct {
	id   string // resource instance address
	rest steps  // what the reference reads of it: [id], [ingress [0] cidr_blocks], or nothing
	// single is false when the reference fans out (a count resource used
	// without an index, a module input fed from several references).
	single bool
}

// attr returns the referenced attribute name, "" for the whole resource.
func (t target) attr() string {
	if len(t.rest) == 0 || t.rest[0].isKey {
		return ""
	}
	return t.rest[0].name
}

// expression handles one attribute: an edge per resource it references
// and, where the value is unknown, a reference to the attribute it stands
// for. hexpr is its HCL source, or nil.
func (p *parser) expression(in *instance, e *node, hexpr hclsyntax.Expression, path graph.Path, v *graph.Value) {
	refs := references(e)
	loc := in.res.Loc
	if v != nil {
		loc = v.Loc
	}
	var all []target
	for _, r := range refs {
		ts := p.resolve(in.mod, in.cfgMod, r, 0)
		for _, t := range ts {
			p.edge(graph.Edge{From: in.res.ID, To: t.id, Kind: graph.EdgeRef, Attr: t.attr(), Path: path, Location: loc})
		}
		all = append(all, ts...)
	}
	if v == nil || v.IsWhollyKnown() {
		return
	}
	if hexpr != nil {
		// The source shows which part of the value each reference wrote.
		p.refineRefs(in, v, hexpr)
		return
	}
	// Only the references are known: trust them when the expression
	// references one resource attribute and nothing else.
	if len(refs) == 1 && len(all) == 1 {
		if ref := exactRef(all[0]); ref != nil {
			markRef(v, ref)
		}
	}
}

// exactRef returns the Ref a target stands for when it names exactly one
// attribute of exactly one resource instance.
func exactRef(t target) *graph.Ref {
	if !t.single || len(t.rest) != 1 || t.rest[0].isKey {
		return nil
	}
	return &graph.Ref{Resource: t.id, Attr: t.rest[0].name}
}

// refineRefs gives every unknown part of v that the HCL expression writes
// as a plain reference to a resource attribute that attribute as its Ref.
func (p *parser) refineRefs(in *instance, v *graph.Value, expr hclsyntax.Expression) {
	switch e := expr.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		ss, ok := traversalSteps(e.Traversal)
		if !ok {
			return
		}
		ts := p.resolve(in.mod, in.cfgMod, ss, 0)
		if len(ts) != 1 {
			return
		}
		if ref := exactRef(ts[0]); ref != nil {
			markRef(v, ref)
		}
	case *hclsyntax.TemplateWrapExpr:
		p.refineRefs(in, v, e.Wrapped)
	case *hclsyntax.ParenthesesExpr:
		p.refineRefs(in, v, e.Expression)
	case *hclsyntax.TupleConsExpr:
		if v.Kind == graph.KindUnknown {
			p.reshape(in, v, e)
			return
		}
		if v.Kind != graph.KindList {
			return
		}
		for i, j := range tupleOrder(v.List, e.Exprs) {
			if j >= 0 {
				p.refineRefs(in, v.List[i], e.Exprs[j])
			}
		}
	case *hclsyntax.ObjectConsExpr:
		if v.Kind != graph.KindMap {
			return
		}
		for _, item := range e.Items {
			if key, ok := objectKey(item.KeyExpr); ok {
				if child := v.Fields[key]; child != nil {
					p.refineRefs(in, child, item.ValueExpr)
				}
			}
		}
	}
}

// reshape turns an unknown list written as a tuple of plain references,
// [aws_security_group.web.id], into a list of one unknown reference per
// item: its length is known from the source even though Terraform only
// says the whole attribute is unknown. Tuples with any other item are left
// alone.
func (p *parser) reshape(in *instance, v *graph.Value, e *hclsyntax.TupleConsExpr) {
	items := make([]*graph.Value, 0, len(e.Exprs))
	for _, it := range e.Exprs {
		st, ok := it.(*hclsyntax.ScopeTraversalExpr)
		if !ok {
			return
		}
		ss, ok := traversalSteps(st.Traversal)
		if !ok {
			return
		}
		ts := p.resolve(in.mod, in.cfgMod, ss, 0)
		if len(ts) != 1 {
			return
		}
		ref := exactRef(ts[0])
		if ref == nil {
			return
		}
		item := graph.UnknownRef(ref.Resource, ref.Attr, v.Reason, hclLoc(it.Range()))
		item.Sensitive = v.Sensitive
		items = append(items, item)
	}
	v.Kind, v.List, v.Reason = graph.KindList, items, ""
}

// markRef sets ref on every unknown value in v. The values were built for
// this resource alone, so setting the field in place is safe.
func markRef(v *graph.Value, ref *graph.Ref) {
	v.Walk(func(_ graph.Path, x *graph.Value) bool {
		if x.Kind == graph.KindUnknown && x.Ref == nil {
			r := *ref
			x.Ref = &r
		}
		return true
	})
}

// dependsOn adds the resource's depends_on edges.
func (p *parser) dependsOn(in *instance, body *hclsyntax.Body) {
	deps := in.cfg.get("depends_on")
	if !deps.isArray() {
		return
	}
	loc := in.res.Loc
	if body != nil {
		if a := body.Attributes["depends_on"]; a != nil {
			loc = hclLoc(a.SrcRange)
		}
	}
	for _, d := range deps.items {
		s, ok := d.text()
		if !ok {
			continue
		}
		ss, err := parseSteps(s)
		if err != nil {
			continue
		}
		for _, t := range p.resolve(in.mod, in.cfgMod, ss, 0) {
			p.edge(graph.Edge{From: in.res.ID, To: t.id, Kind: graph.EdgeDependsOn, Location: loc})
		}
	}
}

// edge adds e unless an identical edge exists.
func (p *parser) edge(e graph.Edge) {
	key := e.From + "\x00" + e.To + "\x00" + string(e.Kind) + "\x00" + e.Attr + "\x00" + e.Path.String()
	if p.edgeSeen[key] {
		return
	}
	p.edgeSeen[key] = true
	p.unit.Edges = append(p.unit.Edges, e)
}

// resolve follows a reference made in module instance mod (configuration
// cm) to the resource instances it reads: directly, through the module's
// input variables to what the parent passed in, and through module outputs
// into child modules. Locals, count, each and path are not resources.
func (p *parser) resolve(mod string, cm *module, ss steps, depth int) []target {
	if depth > maxRefDepth || len(ss) == 0 || ss[0].isKey {
		return nil
	}
	switch ss[0].name {
	case "var":
		if cm == nil || cm.parent == nil || len(ss) < 2 || ss[1].isKey {
			return nil
		}
		call := cm.parent.calls[cm.name]
		inst, ok := p.modules[mod]
		if call == nil || !ok {
			return nil
		}
		refs := references(call.exprs.get(ss[1].name))
		var out []target
		for _, r := range refs {
			for _, t := range p.resolve(inst.parent, cm.parent, concat(r, ss[2:]), depth+1) {
				t.single = t.single && len(refs) == 1
				out = append(out, t)
			}
		}
		return out
	case "module":
		if cm == nil || len(ss) < 2 || ss[1].isKey {
			return nil
		}
		call := cm.calls[ss[1].name]
		if call == nil || call.mod == nil {
			return nil
		}
		rest := ss[2:]
		var insts []string
		if len(rest) > 0 && rest[0].isKey {
			insts = []string{joinAddr(mod, "module."+ss[1].name+rest[0].String())}
			rest = rest[1:]
		} else {
			insts = p.childModules(mod, ss[1].name)
		}
		if len(rest) == 0 || rest[0].isKey {
			return nil
		}
		refs := references(call.mod.outputs[rest[0].name])
		var out []target
		for _, inst := range insts {
			if _, ok := p.modules[inst]; !ok {
				continue
			}
			for _, r := range refs {
				for _, t := range p.resolve(inst, call.mod, concat(r, rest[1:]), depth+1) {
					t.single = t.single && len(refs) == 1 && len(insts) == 1
					out = append(out, t)
				}
			}
		}
		return out
	case "data":
		if len(ss) < 3 || ss[1].isKey || ss[2].isKey {
			return nil
		}
		return p.resourceTargets(mod, "data."+ss[1].name+"."+ss[2].name, ss[3:])
	case "count", "each", "path", "terraform", "self", "local":
		return nil
	}
	if len(ss) < 2 || ss[1].isKey {
		return nil
	}
	return p.resourceTargets(mod, ss[0].name+"."+ss[1].name, ss[2:])
}

// resourceTargets resolves a module-relative resource address (and what is
// read of it) to instances.
func (p *parser) resourceTargets(mod, rel string, rest steps) []target {
	base := joinAddr(mod, rel)
	if len(rest) > 0 && rest[0].isKey {
		id := base + rest[0].String()
		if p.instances[id] == nil {
			return nil
		}
		return []target{{id: id, rest: rest[1:], single: true}}
	}
	ids := p.bases[base]
	out := make([]target, 0, len(ids))
	for _, id := range ids {
		out = append(out, target{id: id, rest: rest, single: len(ids) == 1 && id == base})
	}
	return out
}

// childModules lists the instances of module call name inside module
// instance mod, in a stable order.
func (p *parser) childModules(mod, name string) []string {
	var out []string
	for addr, mi := range p.modules {
		if mi.parent == mod && mi.call == name {
			out = append(out, addr)
		}
	}
	sort.Strings(out)
	return out
}

func concat(a, b steps) steps {
	out := make(steps, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}
