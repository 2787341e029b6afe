package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
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
	vars []hcl.Traversal
	// consumedOf computes, on first need, the references the expression
	// reads attribute by attribute (consumedTraversals), by range.
	consumedOf func() map[hcl.Range]bool
	consumedR  map[hcl.Range]bool
	ns         []named                         // var, local, module, resource types
	data       map[string]map[string]cty.Value // data source type -> name
	ephemeral  map[string]map[string]cty.Value // ephemeral resource type -> name
	flat       map[string]cty.Value            // count, each, path, terraform, iterators
	inputs     []input

	// prefixed holds resource.<type>.<name> references: type -> name.
	prefixed map[string]map[string]cty.Value
	// substitutes give, by "root.name", a cached copy of a value with its
	// identities replaced by stand-ins (keepIdentities); values without
	// one are substituted when needed.
	substitutes map[string]func() cty.Value
	// byName indexes ns by "root.name" once it holds more than
	// maxScannedNames values.
	byName map[string]int
}

func (s *scope) newBuilder(vars []hcl.Traversal, attrsOf func() map[string]bool) *builder {
	return &builder{s: s, vars: vars, attrsOf: attrsOf}
}

// whole reports whether the expression uses the object that prefix (the
// steps naming a resource or module call: module.m, aws_vpc.main,
// data.aws_ami.x) stands for as a whole: a reference naming no attribute
// of it, only perhaps an instance key (for_each = aws_security_group.g,
// module.m[0] passed on), whose value is not read attribute by attribute
// right there (aws_security_group.g[*].id, aws_instance.web[count.index].id).
// The object then needs every attribute it has, not only those the
// expression names.
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
		if match && !hasAttrStep(t[len(prefix):]) && !b.consumed()[t.SourceRange()] {
			return true
		}
	}
	return false
}

func (b *builder) consumed() map[hcl.Range]bool {
	if b.consumedR == nil && b.consumedOf != nil {
		b.consumedR = b.consumedOf()
	}
	return b.consumedR
}

// consumedTraversals finds, by range, the references in expr whose value
// is read attribute by attribute where they are written: the source of a
// splat with an attribute (aws_subnet.x[*].id) or of an attribute access
// after index steps (aws_instance.web[count.index].id). Their object need
// only hold the attributes the expression names.
func consumedTraversals(expr hcl.Expression) map[hcl.Range]bool {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return nil
	}
	out := map[hcl.Range]bool{}
	consume := func(e hclsyntax.Expression) {
		if st := baseTraversal(e); st != nil {
			out[st.Traversal.SourceRange()] = true
		}
	}
	_ = hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		switch e := n.(type) {
		case *hclsyntax.RelativeTraversalExpr:
			if hasAttrStep(e.Traversal) {
				consume(e.Source)
			}
		case *hclsyntax.SplatExpr:
			if each, ok := e.Each.(*hclsyntax.RelativeTraversalExpr); ok && hasAttrStep(each.Traversal) {
				consume(e.Source)
			}
		}
		return nil
	})
	return out
}

// baseTraversal is the reference an expression indexes into, if it is
// only index steps on one.
func baseTraversal(e hclsyntax.Expression) *hclsyntax.ScopeTraversalExpr {
	switch x := e.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		return x
	case *hclsyntax.IndexExpr:
		return baseTraversal(x.Collection)
	case *hclsyntax.ParenthesesExpr:
		return baseTraversal(x.Expression)
	case *hclsyntax.RelativeTraversalExpr:
		if !hasAttrStep(x.Traversal) {
			return baseTraversal(x.Source)
		}
	}
	return nil
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

// named is a value a builder holds by its root and name: var.x, local.y,
// module.m, aws_vpc.main. An expression reads few, and a reference alone
// (scope.traverse) one, which needs no map: a builder keeps them in a
// slice, and its context groups them by root.
type named struct {
	root, name string
	v          cty.Value
}

// maxScannedNames is how many named values a builder looks through one by
// one; past it, byName indexes them.
const maxScannedNames = 8

func (b *builder) put(root, name string, v cty.Value) {
	if i, ok := b.indexOf(root, name); ok {
		b.ns[i].v = v
		return
	}
	b.ns = append(b.ns, named{root: root, name: name, v: v})
	switch {
	case b.byName != nil:
		b.byName[root+"."+name] = len(b.ns) - 1
	case len(b.ns) > maxScannedNames:
		b.byName = make(map[string]int, 2*len(b.ns))
		for i, n := range b.ns {
			b.byName[n.root+"."+n.name] = i
		}
	}
}

// indexOf returns where the builder holds root.name.
func (b *builder) indexOf(root, name string) (int, bool) {
	if b.byName != nil {
		i, ok := b.byName[root+"."+name]
		return i, ok
	}
	for i, n := range b.ns {
		if n.root == root && n.name == name {
			return i, true
		}
	}
	return 0, false
}

// traverseAbs is t.TraverseAbs(b.ctx()) for the one reference t the
// builder was given. When t names a value the builder holds by name
// (var.x, local.y, module.m, aws_vpc.main) it skips assembling the
// context: TraverseAbs looks the root up, whose object holds that value
// under the name, and applies the steps after the root, so applying the
// steps after the name to the value itself is the same.
func (b *builder) traverseAbs(t hcl.Traversal) (cty.Value, hcl.Diagnostics) {
	if len(t) >= 2 {
		if step, ok := t[1].(hcl.TraverseAttr); ok {
			if i, ok := b.indexOf(t.RootName(), step.Name); ok {
				return t[2:].TraverseRel(b.ns[i].v)
			}
		}
	}
	return t.TraverseAbs(b.ctx())
}

func (b *builder) ctx() *hcl.EvalContext {
	return b.context(nil)
}

// substitutedCtx is ctx with every identity replaced by its stand-in
// string, for keepIdentities.
func (b *builder) substitutedCtx() *hcl.EvalContext {
	return b.context(func(key string, v cty.Value) cty.Value {
		if f := b.substitutes[key]; f != nil {
			return f()
		}
		return substituteIdentities(v)
	})
}

// context assembles the evaluation context, each named value passed
// through f, when f is set, with its key: "var.x", "aws_vpc.main",
// "data.aws_ami.x", "resource.aws_vpc.main", "each".
func (b *builder) context(f func(key string, v cty.Value) cty.Value) *hcl.EvalContext {
	vars := make(map[string]cty.Value, len(b.ns)+len(b.flat)+2)
	// Each root's names are gathered by looking through those after its
	// first one: an expression reads few roots (var, local, module, a
	// resource type or two), and a map of the roots' maps, grown name by
	// name, was about a quarter of what building contexts allocated.
	for i, n := range b.ns {
		if _, done := vars[n.root]; done {
			continue
		}
		count := 0
		for _, o := range b.ns[i:] {
			if o.root == n.root {
				count++
			}
		}
		m := make(map[string]cty.Value, count)
		for _, o := range b.ns[i:] {
			if o.root == n.root {
				v := o.v
				if f != nil {
					v = f(o.root+"."+o.name, v)
				}
				m[o.name] = v
			}
		}
		vars[n.root] = cty.ObjectVal(m)
	}
	if len(b.data) > 0 {
		types := make(map[string]cty.Value, len(b.data))
		for t, m := range b.data {
			types[t] = namedObject("data."+t+".", m, f)
		}
		vars["data"] = cty.ObjectVal(types)
	}
	if len(b.ephemeral) > 0 {
		types := make(map[string]cty.Value, len(b.ephemeral))
		for t, m := range b.ephemeral {
			types[t] = namedObject("ephemeral."+t+".", m, f)
		}
		vars["ephemeral"] = cty.ObjectVal(types)
	}
	if len(b.prefixed) > 0 {
		types := make(map[string]cty.Value, len(b.prefixed))
		for t, m := range b.prefixed {
			types[t] = namedObject("resource."+t+".", m, f)
		}
		vars["resource"] = cty.ObjectVal(types)
	}
	for k, v := range b.flat {
		if f != nil {
			v = f(k, v)
		}
		vars[k] = v
	}
	var funcs = b.s.ev.funcs
	if b.s.mi != nil {
		funcs = b.s.mi.funcs
	}
	return &hcl.EvalContext{Variables: vars, Functions: funcs}
}

func namedObject(prefix string, m map[string]cty.Value, f func(string, cty.Value) cty.Value) cty.Value {
	if f == nil {
		return cty.ObjectVal(m)
	}
	obj := make(map[string]cty.Value, len(m))
	for name, v := range m {
		obj[name] = f(prefix+name, v)
	}
	return cty.ObjectVal(obj)
}

// substitute registers how to get the value under key with its
// identities replaced, when that is cached.
func (b *builder) substitute(key string, f func() cty.Value) {
	if b.substitutes == nil {
		b.substitutes = map[string]func() cty.Value{}
	}
	b.substitutes[key] = f
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

// unknownRefs reports whether the expression is part of a body evaluated
// only to be validated (validateEmptyResources), where every variable,
// local value, module output and resource reads as Unknown, as in
// terraform validate: what such a body finds is then the same whatever
// values an instance has.
func (b *builder) unknownRefs() bool {
	return b.s.key != nil && b.s.key.validation
}

// unknownAs is v as validation reads it: Unknown, with the marks v has as
// a whole, so that an ephemeral variable stays ephemeral there.
func unknownAs(v cty.Value) cty.Value {
	return cty.DynamicVal.WithMarks(v.Marks())
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
		if b.unknownRefs() {
			b.put(root, name, unknownAs(v))
			return nil, "", nil
		}
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
		if b.unknownRefs() {
			b.put(root, name, unknownAs(v))
			return nil, "", nil
		}
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
		if b.unknownRefs() {
			b.put(root, name, cty.DynamicVal)
			return nil, "", nil
		}
		b.put(root, name, mi.moduleObject(name, b.attrNames(), b.whole(root, name)))
		return mi.outputOrigin(name, t[2:])
	case "count":
		b.setFlat(root, b.countObject(t))
		if k := b.s.key; k != nil && k.kind == keyUnknown && ok {
			return graph.Unknown(k.reason, graph.Location{}), "", t[2:]
		}
		return nil, "", nil
	case "each":
		b.setFlat(root, b.eachObject(t))
		if k := b.s.key; k != nil && k.kind == keyUnknown && ok {
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
		// self is valid in postconditions, provisioner and connection
		// blocks; rampart evaluates only the first.
		if sr := b.s.self; sr != nil {
			b.setFlat(root, mi.selfObject(sr, b.attrNames()))
		}
		return nil, "", nil
	case "resource":
		return b.addPrefixed(t)
	case "ephemeral":
		return b.addEphemeral(t)
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
		if rc == nil && b.s.check != nil && b.s.check.scoped["data."+typ+"."+dname] {
			m[dname] = cty.DynamicVal
			return nil, "", nil
		}
		if rc == nil {
			b.undeclared(t, "data source", "data."+typ+"."+dname)
			m[dname] = cty.DynamicVal
			return nil, "", nil
		}
		if b.unknownRefs() {
			m[dname] = cty.DynamicVal
			return nil, "", nil
		}
		attrs, whole := b.attrNames(), b.whole(root, typ, dname)
		m[dname] = mi.resourceObject(rc, attrs, whole)
		b.substitute("data."+typ+"."+dname, func() cty.Value { return mi.identityObject(rc, attrs, whole) })
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
	if b.unknownRefs() {
		b.put(root, name, cty.DynamicVal)
		return nil, "", nil
	}
	attrs, whole := b.attrNames(), b.whole(root, name)
	b.put(root, name, mi.resourceObject(rc, attrs, whole))
	b.substitute(root+"."+name, func() cty.Value { return mi.identityObject(rc, attrs, whole) })
	return mi.refOrigin(rc, t[2:])
}

// addEphemeral adds a reference to an ephemeral resource: Unknown, as
// its provider gives its value, and ephemeral wherever it goes.
func (b *builder) addEphemeral(t hcl.Traversal) (*graph.Value, string, hcl.Traversal) {
	typ, ok1 := attrStep(t, 1)
	name, ok2 := attrStep(t, 2)
	if !ok1 || !ok2 || b.s.mi == nil {
		return nil, "", nil
	}
	if b.ephemeral == nil {
		b.ephemeral = map[string]map[string]cty.Value{}
	}
	m := b.ephemeral[typ]
	if m == nil {
		m = map[string]cty.Value{}
		b.ephemeral[typ] = m
	}
	addr := "ephemeral." + typ + "." + name
	if _, ok := b.s.mi.cfg.ephemerals[addr]; !ok {
		b.undeclared(t, "ephemeral resource", addr)
		m[name] = cty.DynamicVal
		return nil, "", nil
	}
	m[name] = cty.DynamicVal.Mark(ephemeralMark)
	return graph.Unknown("ephemeral resource "+addr+" is opened by its provider", graph.Location{}), "", t[3:]
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
		if k.obj == cty.NilVal {
			k.obj = cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)})
		}
		return k.obj
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
		if k.obj == cty.NilVal {
			k.obj = cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal})
		}
		return k.obj
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
	if b.unknownRefs() {
		m[name] = cty.DynamicVal
		return nil, "", nil
	}
	attrs, whole := b.attrNames(), b.whole("resource", typ, name)
	m[name] = mi.resourceObject(rc, attrs, whole)
	b.substitute("resource."+typ+"."+name, func() cty.Value { return mi.identityObject(rc, attrs, whole) })
	return mi.refOrigin(rc, t[3:])
}
