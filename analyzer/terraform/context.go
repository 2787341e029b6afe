package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// builder assembles an hcl.EvalContext holding only the named values one
// expression references, and finds the shadow each reference starts from.
type builder struct {
	s *scope
	// attrsOf computes, on first need, the attribute names the expression
	// reads; only references to resources and module calls need them.
	attrsOf func() map[string]bool
	attrs   map[string]bool
	// vars are the expression's references, to tell whether it uses a
	// resource or module call as a whole.
	vars   []hcl.Traversal
	ns     map[string]map[string]cty.Value // var, local, module, resource types
	data   map[string]map[string]cty.Value // data source type -> name
	flat   map[string]cty.Value            // count, each, path, terraform, iterators
	inputs []input

	// prefixed holds resource.<type>.<name> references: type -> name.
	prefixed map[string]map[string]cty.Value
}

func (s *scope) newBuilder(vars []hcl.Traversal, attrsOf func() map[string]bool) *builder {
	return &builder{s: s, vars: vars, attrsOf: attrsOf}
}

// whole reports whether the expression uses the object that prefix (the
// steps naming a resource or module call: module.m, aws_vpc.main,
// data.aws_ami.x) stands for as a whole: a reference naming no attribute
// of it, only perhaps an instance key (for_each = aws_security_group.g,
// module.m[0] passed on). The object then needs every attribute it has,
// not only those the expression names.
func (b *builder) whole(prefix ...string) bool {
	for _, t := range b.vars {
		if len(t) < len(prefix) {
			continue
		}
		match := true
		for i, name := range prefix {
			if n, ok := attrStep(t, i); !ok || n != name {
				match = false
				break
			}
		}
		if match && !hasAttrStep(t[len(prefix):]) {
			return true
		}
	}
	return false
}

func hasAttrStep(steps hcl.Traversal) bool {
	for _, s := range steps {
		if _, ok := s.(hcl.TraverseAttr); ok {
			return true
		}
	}
	return false
}

func (b *builder) attrNames() map[string]bool {
	if b.attrs == nil {
		b.attrs = b.attrsOf()
	}
	return b.attrs
}

func (b *builder) setFlat(name string, v cty.Value) {
	if b.flat == nil {
		b.flat = map[string]cty.Value{}
	}
	b.flat[name] = v
}

func (b *builder) put(root, name string, v cty.Value) {
	if b.ns == nil {
		b.ns = map[string]map[string]cty.Value{}
	}
	m := b.ns[root]
	if m == nil {
		m = map[string]cty.Value{}
		b.ns[root] = m
	}
	m[name] = v
}

func (b *builder) ctx() *hcl.EvalContext {
	vars := make(map[string]cty.Value, len(b.ns)+len(b.flat)+1)
	for root, m := range b.ns {
		vars[root] = cty.ObjectVal(m)
	}
	if len(b.data) > 0 {
		types := make(map[string]cty.Value, len(b.data))
		for t, m := range b.data {
			types[t] = cty.ObjectVal(m)
		}
		vars["data"] = cty.ObjectVal(types)
	}
	if len(b.prefixed) > 0 {
		types := make(map[string]cty.Value, len(b.prefixed))
		for t, m := range b.prefixed {
			types[t] = cty.ObjectVal(m)
		}
		vars["resource"] = cty.ObjectVal(types)
	}
	for k, v := range b.flat {
		vars[k] = v
	}
	var funcs = b.s.ev.funcs
	if b.s.mi != nil {
		funcs = b.s.mi.funcs
	}
	return &hcl.EvalContext{Variables: vars, Functions: funcs}
}

func attrStep(t hcl.Traversal, i int) (string, bool) {
	if i >= len(t) {
		return "", false
	}
	switch s := t[i].(type) {
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseRoot:
		return s.Name, true
	}
	return "", false
}

func (b *builder) undeclared(t hcl.Traversal, what, name string) {
	b.s.ev.errorAt(loc(t.SourceRange()), "Reference to undeclared "+what,
		fmt.Sprintf("%s %q is not declared in %s", what, name, b.s.mi.cfg.dir))
}

// add puts the value t's root names into the context and returns the
// shadow the reference starts from (nil when it has none), the note for the
// hop into the use site, and the traversal steps left to follow in that
// shadow.
func (b *builder) add(t hcl.Traversal) (*graph.Value, string, hcl.Traversal) {
	mi := b.s.mi
	root := t.RootName()
	if it, ok := b.s.iters[root]; ok {
		if it.obj == cty.NilVal {
			it.obj = cty.ObjectVal(map[string]cty.Value{"key": it.key, "value": it.val})
		}
		b.setFlat(root, it.obj)
		switch name, _ := attrStep(t, 1); name {
		case "value":
			return it.valSh, root + ".value", t[2:]
		case "key":
			return it.keySh, root + ".key", t[2:]
		}
		return nil, "", nil
	}
	name, ok := attrStep(t, 1)
	switch root {
	case "var":
		if !ok {
			return nil, "", nil
		}
		if mi.cfg.variables[name] == nil {
			b.undeclared(t, "input variable", name)
			b.put(root, name, cty.DynamicVal)
			return nil, "", nil
		}
		v, sh, note := mi.variable(name)
		b.put(root, name, v)
		return sh, note, t[2:]
	case "local":
		if !ok {
			return nil, "", nil
		}
		if mi.cfg.locals[name] == nil {
			b.undeclared(t, "local value", name)
			b.put(root, name, cty.DynamicVal)
			return nil, "", nil
		}
		v, sh := mi.local(name)
		b.put(root, name, v)
		return sh, "local." + name, t[2:]
	case "module":
		if !ok {
			return nil, "", nil
		}
		if mi.cfg.callByName[name] == nil {
			b.undeclared(t, "module", name)
			b.put(root, name, cty.DynamicVal)
			return nil, "", nil
		}
		b.put(root, name, mi.moduleObject(name, b.attrNames(), b.whole(root, name)))
		return mi.outputOrigin(name, t[2:])
	case "count":
		b.setFlat(root, b.countObject(t))
		if k := b.s.key; k != nil && k.kind == keyUnknown {
			return graph.Unknown(k.reason, graph.Location{}), "", t[2:]
		}
		return nil, "", nil
	case "each":
		b.setFlat(root, b.eachObject(t))
		if k := b.s.key; k != nil && k.kind == keyUnknown {
			return graph.Unknown(k.reason, graph.Location{}), "", t[2:]
		}
		if b.s.key != nil && b.s.key.kind == keyString {
			switch name {
			case "value":
				return b.s.key.eachSh, "each.value", t[2:]
			case "key":
				return b.s.key.keySh, "each.key", t[2:]
			}
		}
		return nil, "", nil
	case "path":
		if mi.pathObj == cty.NilVal {
			mi.pathObj = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(mi.pathModule()),
				"root":   cty.StringVal("."),
				"cwd":    cty.StringVal(mi.ev.loader.absRoot(mi.ev.rootDir)),
			})
		}
		b.setFlat(root, mi.pathObj)
		return nil, "", nil
	case "terraform":
		b.setFlat(root, cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal(mi.ev.workspace)}))
		return nil, "", nil
	case "self":
		// self is only valid in provisioner and connection blocks, which
		// rampart does not evaluate.
		return nil, "", nil
	case "resource":
		return b.addPrefixed(t)
	case "data":
		typ, ok1 := attrStep(t, 1)
		dname, ok2 := attrStep(t, 2)
		if !ok1 || !ok2 {
			return nil, "", nil
		}
		rc := mi.cfg.byAddr["data."+typ+"."+dname]
		if b.data == nil {
			b.data = map[string]map[string]cty.Value{}
		}
		m := b.data[typ]
		if m == nil {
			m = map[string]cty.Value{}
			b.data[typ] = m
		}
		if rc == nil {
			b.undeclared(t, "data source", "data."+typ+"."+dname)
			m[dname] = cty.DynamicVal
			return nil, "", nil
		}
		m[dname] = mi.resourceObject(rc, b.attrNames(), b.whole(root, typ, dname))
		return mi.refOrigin(rc, t[3:])
	}
	if !ok {
		return nil, "", nil
	}
	rc := mi.cfg.byAddr[root+"."+name]
	if rc == nil {
		b.undeclared(t, "resource", root+"."+name)
		b.put(root, name, cty.DynamicVal)
		return nil, "", nil
	}
	b.put(root, name, mi.resourceObject(rc, b.attrNames(), b.whole(root, name)))
	return mi.refOrigin(rc, t[2:])
}

func (b *builder) countObject(t hcl.Traversal) cty.Value {
	k := b.s.key
	switch {
	case k != nil && k.kind == keyInt:
		if k.obj == cty.NilVal {
			k.obj = cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(int64(k.idx))})
		}
		return k.obj
	case k != nil && k.kind == keyUnknown && k.byCount:
		return cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
	}
	b.s.ev.errorAt(loc(t.SourceRange()), `Reference to "count" in non-counted context`,
		`count.index is only available in blocks that set "count"`)
	return cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
}

func (b *builder) eachObject(t hcl.Traversal) cty.Value {
	k := b.s.key
	switch {
	case k != nil && k.kind == keyString:
		if k.obj == cty.NilVal {
			k.obj = cty.ObjectVal(map[string]cty.Value{"key": cty.StringVal(k.str), "value": k.each})
		}
		return k.obj
	case k != nil && k.kind == keyUnknown && !k.byCount:
		return cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
	}
	b.s.ev.errorAt(loc(t.SourceRange()), `Reference to "each" in context without for_each`,
		`each.key and each.value are only available in blocks that set "for_each"`)
	return cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
}

// addPrefixed adds resource.<type>.<name>, which Terraform accepts as
// another way to write <type>.<name>.
func (b *builder) addPrefixed(t hcl.Traversal) (*graph.Value, string, hcl.Traversal) {
	typ, ok1 := attrStep(t, 1)
	name, ok2 := attrStep(t, 2)
	if !ok1 || !ok2 {
		return nil, "", nil
	}
	if b.prefixed == nil {
		b.prefixed = map[string]map[string]cty.Value{}
	}
	m := b.prefixed[typ]
	if m == nil {
		m = map[string]cty.Value{}
		b.prefixed[typ] = m
	}
	mi := b.s.mi
	rc := mi.cfg.byAddr[typ+"."+name]
	if rc == nil || rc.data {
		b.undeclared(t, "resource", typ+"."+name)
		m[name] = cty.DynamicVal
		return nil, "", nil
	}
	m[name] = mi.resourceObject(rc, b.attrNames(), b.whole("resource", typ, name))
	return mi.refOrigin(rc, t[3:])
}
