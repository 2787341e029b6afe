package plan

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// walkPlannedModule adds the resources of a planned_values module and its
// child modules.
func (p *parser) walkPlannedModule(n *node, addr string, depth int) {
	if !n.isObject() {
		p.unit.Diagnostics.Errorf(p.span(n), "planned module is not an object")
		return
	}
	mp, err := parseModulePath(addr)
	if err != nil {
		p.unit.Diagnostics.Errorf(p.span(n.get("address")), "invalid module address %q: %v", addr, err)
		return
	}
	cfgMod := p.configModule(mp.calls)
	if rs := n.get("resources"); rs != nil {
		if !rs.isArray() {
			p.unit.Diagnostics.Errorf(p.span(rs), "resources of module %q is not a list", displayModule(addr))
		} else {
			for _, r := range rs.items {
				if p.ctx.Err() != nil {
					return
				}
				p.addResource(r, addr, cfgMod)
			}
		}
	}
	cms := n.get("child_modules")
	if cms == nil {
		return
	}
	if !cms.isArray() {
		p.unit.Diagnostics.Errorf(p.span(cms), "child_modules of module %q is not a list", displayModule(addr))
		return
	}
	for _, cm := range cms.items {
		caddr, ok := cm.get("address").text()
		if !ok {
			p.unit.Diagnostics.Errorf(p.span(cm), "child module without an address")
			continue
		}
		cp, err := parseModulePath(caddr)
		if err != nil || len(cp.calls) != len(mp.calls)+1 || !hasAddrPrefix(caddr, addr) {
			p.unit.Diagnostics.Errorf(p.span(cm.get("address")), "child module address %q is not a module call of %q", caddr, displayModule(addr))
			continue
		}
		p.modules[caddr] = moduleInst{parent: addr, call: cp.calls[len(cp.calls)-1]}
		if depth < maxDepth {
			p.walkPlannedModule(cm, caddr, depth+1)
		}
	}
}

func displayModule(addr string) string {
	if addr == "" {
		return "root"
	}
	return addr
}

// hasAddrPrefix reports whether addr lies inside module instance mod.
func hasAddrPrefix(addr, mod string) bool {
	if mod == "" {
		return true
	}
	return len(addr) > len(mod) && addr[:len(mod)] == mod && addr[len(mod)] == '.'
}

// joinAddr prefixes a module-relative address with a module instance.
func joinAddr(mod, rel string) string {
	if mod == "" {
		return rel
	}
	return mod + "." + rel
}

// addResource adds one planned resource instance.
func (p *parser) addResource(r *node, mod string, cfgMod *module) {
	if !r.isObject() {
		p.unit.Diagnostics.Errorf(p.span(r), "planned resource is not an object")
		return
	}
	addrNode := r.get("address")
	addr, ok1 := addrNode.text()
	typ, ok2 := r.get("type").text()
	name, ok3 := r.get("name").text()
	mode, _ := r.get("mode").text()
	if !ok1 || !ok2 || !ok3 || (mode != "managed" && mode != "data") {
		p.unit.Diagnostics.Errorf(p.span(r), "planned resource lacks address, type, name or mode")
		return
	}
	rel := typ + "." + name
	if mode == "data" {
		rel = "data." + rel
	}
	base := joinAddr(mod, rel)
	ss, err := parseSteps(addr)
	if err != nil || !(addr == base || (ss[len(ss)-1].isKey && addr == base+ss[len(ss)-1].String())) {
		p.unit.Diagnostics.Errorf(p.span(addrNode), "resource address %q does not match its module, type and name", addr)
		return
	}
	if p.instances[addr] != nil {
		p.unit.Diagnostics.Errorf(p.span(addrNode), "resource %s appears twice in planned_values", addr)
		return
	}

	// Without configuration files the resource is located from its
	// "address" line through the end of its entry.
	loc := p.span(r)
	al := p.span(addrNode)
	loc.StartLine, loc.StartCol = al.StartLine, al.StartCol

	values := r.get("values")
	var attrs *graph.Value
	switch {
	case values == nil || values.kind == nodeNull:
		attrs = graph.Map(loc)
	case values.isObject():
		attrs = p.value(values)
		// The attribute map stands for the resource: attributes absent from
		// the plan (unknown ones, and anything a rule finds missing) are
		// reported at the resource.
		attrs.Loc = loc
	default:
		p.unit.Diagnostics.Errorf(p.span(values), "values of %s is not an object", addr)
		return
	}

	in := &instance{rel: rel, mod: mod, cfgMod: cfgMod, change: p.changes[addr]}
	if cfgMod != nil {
		in.cfg = cfgMod.resources[rel]
	}
	change := in.change.get("change")
	attrs = markUnknown(attrs, change.get("after_unknown"), loc)
	markSensitive(attrs, r.get("sensitive_values"))
	markSensitive(attrs, change.get("after_sensitive"))

	res := &graph.Resource{
		ID:         addr,
		Type:       typ,
		Source:     graph.SourceTerraformPlan,
		Loc:        loc,
		Attrs:      attrs,
		Meta:       map[string]*graph.Value{},
		Module:     mod,
		DataSource: mode == "data",
	}
	if pn := r.get("provider_name"); pn != nil {
		res.Meta["provider"] = p.value(pn)
	}
	if idx := r.get("index"); idx != nil {
		res.Meta["index"] = p.value(idx)
	}
	if acts := change.get("actions"); acts != nil {
		res.Meta["actions"] = p.value(acts)
	}
	in.res = res
	p.instances[addr] = in
	p.order = append(p.order, in)
	p.bases[base] = append(p.bases[base], addr)
	p.unit.Resources = append(p.unit.Resources, res)
}
