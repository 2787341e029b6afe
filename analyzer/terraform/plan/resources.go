package plan

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// walkPlannedModule adds the resources of a planned_values module and its
// child modules. With priorData it walks a module of prior_state instead
// and adds only the data sources read while planning: those the
// configuration declares and planned_values does not hold (a data source
// whose read waits for apply is in planned_values, with action read).
func (p *parser) walkPlannedModule(n *node, addr string, depth int, priorData bool) {
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
				if priorData && !p.readWhilePlanning(r, cfgMod) {
					continue
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
			p.walkPlannedModule(cm, caddr, depth+1, priorData)
		}
	}
}

// readWhilePlanning reports whether a prior_state resource is a data
// source the plan read: declared by the configuration (so not left over
// from a module since removed) and not already among the planned ones.
func (p *parser) readWhilePlanning(r *node, cfgMod *module) bool {
	mode, _ := r.get("mode").text()
	typ, _ := r.get("type").text()
	name, _ := r.get("name").text()
	addr, _ := r.get("address").text()
	return mode == "data" && cfgMod != nil && cfgMod.resources["data."+typ+"."+name] != nil && p.instances[addr] == nil
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
	// Only an object mark applies to the attributes: Attrs stays a map.
	if au := change.get("after_unknown"); au.isObject() {
		attrs = markUnknown(attrs, au, loc)
	}
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
	p.meta(res, r, in.cfg, change)
	in.res = res
	p.instances[addr] = in
	p.order = append(p.order, in)
	p.bases[base] = append(p.bases[base], addr)
	p.unit.Resources = append(p.unit.Resources, res)
}

// meta fills the resource's Meta with the keys the HCL front-end uses
// (provider, default_tags, count_index, each_key, depends_on), so that
// normalizers treat both alike, plus the planned actions.
func (p *parser) meta(res *graph.Resource, r, cfg, change *node) {
	// The provider configuration address: "aws", or "aws.west" for an
	// alias. The configuration's key may carry a module prefix
	// ("module.net:aws"); without configuration, the provider's type name
	// is the best available ("registry.terraform.io/hashicorp/aws" → aws).
	if key, ok := cfg.get("provider_config_key").text(); ok && key != "" {
		if i := strings.LastIndexByte(key, ':'); i >= 0 {
			key = key[i+1:]
		}
		res.Meta["provider"] = graph.String(key, p.span(cfg.get("provider_config_key")))
	} else if pn, ok := r.get("provider_name").text(); ok && pn != "" {
		res.Meta["provider"] = graph.String(pn[strings.LastIndexByte(pn, '/')+1:], p.span(r.get("provider_name")))
	}
	if idx := r.get("index"); idx != nil {
		switch idx.kind {
		case nodeNumber:
			res.Meta["count_index"] = p.value(idx)
		case nodeString:
			res.Meta["each_key"] = p.value(idx)
		}
	}
	if deps := cfg.get("depends_on"); deps.isArray() && len(deps.items) > 0 {
		res.Meta["depends_on"] = p.value(deps)
	}
	if acts := change.get("actions"); acts != nil {
		res.Meta["actions"] = p.value(acts)
	}
	if !res.DataSource {
		var dt *graph.Value
		if cfg != nil {
			key, _ := cfg.get("provider_config_key").text()
			dt = p.defaultTags(key)
		} else {
			dt = derivedDefaultTags(res.Attrs)
		}
		if dt != nil {
			res.Meta["default_tags"] = dt
		}
	}
}

// defaultTags returns the default_tags map of the provider configuration
// key names in the plan's configuration section, nil when it has none. A
// root provider's tags from a variable take the variable's planned value;
// any other expression makes them Unknown.
func (p *parser) defaultTags(key string) *graph.Value {
	pc := p.providers.get(key)
	blocks := pc.get("expressions").get("default_tags")
	if !blocks.isArray() || len(blocks.items) == 0 {
		return nil
	}
	expr := blocks.items[0].get("tags")
	if expr == nil || expr.kind == nodeNull {
		return nil
	}
	if c := expr.get("constant_value"); c != nil {
		return p.value(c)
	}
	if refs := references(expr); len(refs) == 1 && len(refs[0]) == 2 && refs[0][0].name == "var" && !refs[0][1].isKey && pc.get("module_address") == nil {
		if v := p.variables.get(refs[0][1].name).get("value"); v != nil {
			return p.value(v)
		}
	}
	return graph.Unknown("default_tags of provider "+key+" are computed", p.span(expr))
}

// derivedDefaultTags recovers the provider default tags that apply to a
// resource when the plan has no configuration section: tags_all is
// default_tags merged with the resource's own tags, so the entries of
// tags_all that tags does not set are the defaults. Merging tags over the
// result gives tags_all back, which is what default_tags is used for.
func derivedDefaultTags(attrs *graph.Value) *graph.Value {
	all := attrs.Get("tags_all")
	if all == nil || all.Kind != graph.KindMap {
		return nil
	}
	own := attrs.Get("tags")
	dt := graph.Map(all.Loc)
	for _, k := range all.Keys {
		v := all.Fields[k]
		if o := own.Get(k); o != nil && o.IsWhollyKnown() && v.IsWhollyKnown() && canonValue(o) == canonValue(v) {
			continue
		}
		dt.Set(k, v.Copy())
	}
	if len(dt.Keys) == 0 {
		return nil
	}
	return dt
}
