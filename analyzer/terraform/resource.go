package terraform

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// resourceMeta are the meta-arguments of a resource body: not attributes.
var resourceMeta = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// resourceMetaBlocks are nested blocks that configure Terraform, not the
// resource.
var resourceMetaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true}

type resInstance struct {
	key  *instanceKey
	addr string
}

type resExpansion struct {
	*expansion
	insts []*resInstance
	byKey map[string]*resInstance
}

func (mi *moduleInstance) resExpansion(rc *resourceConfig) *resExpansion {
	if re, ok := mi.res[rc]; ok {
		return re
	}
	var exp *expansion
	mi.ev.onceResource(mi.prefix()+rc.addr()+"#instances", rc.declRange, func() (cty.Value, *graph.Value) {
		exp = mi.expand(rc.count, rc.forEach, mi.prefix()+rc.addr())
		return cty.NilVal, nil
	})
	if exp == nil {
		// count or for_each refers back to the resource itself.
		mode := modeForEach
		if rc.count != nil {
			mode = modeCount
		}
		exp = representative(mode, mi.prefix()+rc.addr())
	}
	re := &resExpansion{expansion: exp, byKey: map[string]*resInstance{}}
	for _, k := range exp.keys {
		inst := &resInstance{key: k, addr: mi.prefix() + rc.addr() + k.suffix()}
		re.insts = append(re.insts, inst)
		re.byKey[k.String()] = inst
	}
	mi.res[rc] = re
	return re
}

func (rc *resourceConfig) attrExpr(name string) hcl.Expression {
	if resourceMeta[name] {
		return nil
	}
	if e, ok := rc.attrs[name]; ok {
		return e
	}
	return nil
}

func (mi *moduleInstance) instanceScope(inst *resInstance) *scope {
	return &scope{ev: mi.ev, mi: mi, key: inst.key}
}

// resourceAttr evaluates one configured argument of a resource instance.
// Terraform knows such values at plan time, so references to them are
// known too. A cycle makes it Unknown; checkCycles reports it.
func (mi *moduleInstance) resourceAttr(rc *resourceConfig, inst *resInstance, name string) (cty.Value, *graph.Value, bool) {
	expr := rc.attrExpr(name)
	if expr == nil {
		return cty.NilVal, nil, false
	}
	v, sh := mi.ev.onceResource(inst.addr+"."+name, expr.Range(), func() (cty.Value, *graph.Value) {
		return mi.instanceScope(inst).eval(expr)
	})
	return v, sh, true
}

// resourceObject is a resource as a value for expressions: per instance an
// object of the attributes the expression reads, known where configured,
// Unknown where the provider computes them. Data sources are read at apply
// time, so every attribute of one is Unknown. A resource used as a whole
// (whole: for_each = aws_security_group.g, a module input) is the object
// of everything it may be read for (instanceNames).
func (mi *moduleInstance) resourceObject(rc *resourceConfig, attrs map[string]bool, whole bool) cty.Value {
	re := mi.resExpansion(rc)
	if re.unknown {
		return cty.DynamicVal
	}
	key, names, open := mi.objectKey(rc, attrs, whole)
	// Every instance of a counted resource referring to its peer by
	// count.index builds the same object: cache it, or a 2,000-instance
	// pair of resources costs 4 million objects.
	if v, ok := mi.objects[key]; ok {
		return v
	}
	fingerprint := ""
	if open {
		fingerprint = strings.Join(names, ",")
	}
	cacheable := true
	obj := func(inst *resInstance) cty.Value {
		m := make(map[string]cty.Value, len(names))
		for _, a := range names {
			if e, ok := mi.ev.memo[inst.addr+"."+a]; ok && e.busy {
				// Read inside its own evaluation (a cycle): Unknown
				// here, but not for later readers.
				cacheable = false
			}
			m[a] = mi.attrValue(rc, inst, a)
		}
		v := cty.ObjectVal(m)
		if open {
			v = v.Mark(openMark{Resource: inst.addr, Names: fingerprint})
		}
		return v
	}
	var out cty.Value
	switch re.mode {
	case modeCount:
		vals := make([]cty.Value, len(re.insts))
		for i, inst := range re.insts {
			vals[i] = obj(inst)
		}
		out = cty.TupleVal(vals)
	case modeForEach:
		vals := make(map[string]cty.Value, len(re.insts))
		for _, inst := range re.insts {
			vals[inst.key.str] = obj(inst)
		}
		out = cty.ObjectVal(vals)
	default:
		out = obj(re.insts[0])
	}
	if cacheable {
		mi.objects[key] = out
	}
	return out
}

// objectKey is the cache key of the object resourceObject builds, with
// its instance attribute names and whether they are open.
func (mi *moduleInstance) objectKey(rc *resourceConfig, attrs map[string]bool, whole bool) (string, []string, bool) {
	names, open, w := mi.attributeNames(rc, attrs, whole)
	if w != nil {
		return w.key, names, open
	}
	return rc.addr() + "|" + strings.Join(names, ","), names, open
}

// identityObject is resourceObject with its identities replaced by their
// stand-ins (keepIdentities), cached with it: an expression over a
// 2,000-instance resource must not rebuild it for every reader.
func (mi *moduleInstance) identityObject(rc *resourceConfig, attrs map[string]bool, whole bool) cty.Value {
	v := mi.resourceObject(rc, attrs, whole)
	key, _, _ := mi.objectKey(rc, attrs, whole)
	if _, cached := mi.objects[key]; !cached {
		return substituteIdentities(v)
	}
	key += "#identities"
	if sv, ok := mi.objects[key]; ok {
		return sv
	}
	sv := substituteIdentities(v)
	mi.objects[key] = sv
	return sv
}

// instanceNames lists, sorted, the attributes of the object standing for
// one instance of rc, and whether that set is open (openMark). terraform_data
// has its schema. Any other resource read attribute by attribute has
// the attributes read; used as a whole, its configured arguments plus
// every attribute name the configurations read anywhere (vocabulary), as
// rampart has no provider schema to say which attributes it has.
func (mi *moduleInstance) instanceNames(rc *resourceConfig, attrs map[string]bool, whole bool) ([]string, bool) {
	names, open, _ := mi.attributeNames(rc, attrs, whole)
	return names, open
}

// attributeNames is instanceNames, with the wholeSet whose names they are
// when an expression uses rc whole and reads no name outside it, as the
// expressions of the configurations do (its key is then the object's).
func (mi *moduleInstance) attributeNames(rc *resourceConfig, attrs map[string]bool, whole bool) ([]string, bool, *wholeSet) {
	switch {
	case hasSchema(rc):
		return terraformDataSchema, false, nil
	case !whole:
		return slices.Sorted(maps.Keys(attrs)), false, nil
	}
	w := mi.ev.wholeSet(rc)
	for a := range attrs {
		if !w.has(a) {
			set := make(map[string]bool, len(w.names)+len(attrs))
			for _, n := range w.names {
				set[n] = true
			}
			maps.Copy(set, attrs)
			return slices.Sorted(maps.Keys(set)), true, nil
		}
	}
	return w.names, true, w
}

// wholeSet is the attribute names of rc used as a whole: its arguments
// and the vocabulary, sorted, with the object's cache key. It is computed
// once per evaluation: a module's outputs use its resources whole many
// times over, and every use sorted the vocabulary again. The key names
// the set rather than spelling it: within an evaluation the set of rc is
// always the same, and a key of a few hundred names was hashed at every
// lookup of the object.
type wholeSet struct {
	vocab map[string]bool
	rc    *resourceConfig
	names []string
	key   string
}

// has reports whether the set holds attribute a.
func (w *wholeSet) has(a string) bool {
	return w.vocab[a] || (w.rc.attrs[a] != nil && !resourceMeta[a])
}

func (ev *evaluator) wholeSet(rc *resourceConfig) *wholeSet {
	if w := ev.wholeSets[rc]; w != nil {
		return w
	}
	vocab := ev.vocabulary()
	if ev.vocabNames == nil {
		ev.vocabNames = slices.Sorted(maps.Keys(vocab))
	}
	names := ev.vocabNames
	var extra []string
	for a := range rc.attrs {
		if !resourceMeta[a] && !vocab[a] {
			extra = append(extra, a)
		}
	}
	if len(extra) > 0 {
		names = slices.Sorted(slices.Values(append(slices.Clip(names), extra...)))
	}
	w := &wholeSet{vocab: vocab, rc: rc, names: names, key: rc.addr() + "|*whole"}
	if ev.wholeSets == nil {
		ev.wholeSets = map[*resourceConfig]*wholeSet{}
	}
	ev.wholeSets[rc] = w
	return w
}

// attrValue is attribute a of one instance as expressions read it: the
// configured value, known at plan time, marked so that a resource that
// ends up using it (through locals, functions, module outputs) gets an
// edge to this one; else what the provider computes, Unknown and marked
// as being this attribute wherever it is passed on unchanged. A
// terraform_data argument not set is null, and so is its output then.
func (mi *moduleInstance) attrValue(rc *resourceConfig, inst *resInstance, a string) cty.Value {
	ref := refMark{Resource: inst.addr, Attr: a}
	if !rc.data {
		if cv, _, ok := mi.resourceAttr(rc, inst, a); ok && !cv.IsNull() {
			return cv.Mark(ref)
		}
	}
	if hasSchema(rc) {
		if !terraformDataComputed(rc, inst, mi, a) {
			return cty.NullVal(cty.DynamicPseudoType).Mark(ref)
		}
		return terraformDataUnknown(rc, inst, mi, a).Mark(identMark(ref))
	}
	return cty.DynamicVal.Mark(identMark(ref))
}

// terraformDataUnknown is a computed attribute of terraform_data as plan
// has it: id a string and output of input's type, neither of them null.
func terraformDataUnknown(rc *resourceConfig, inst *resInstance, mi *moduleInstance, a string) cty.Value {
	ty := cty.String
	if a == "output" {
		in, _, _ := mi.resourceAttr(rc, inst, "input")
		ty = in.Type()
	}
	if ty == cty.DynamicPseudoType {
		return cty.DynamicVal
	}
	return cty.UnknownVal(ty).RefineNotNull()
}

// terraformDataComputed reports whether attribute a of a terraform_data
// instance that its configuration does not set is computed: id always,
// output when input is set (it becomes input on apply); input and
// triggers_replace not set are null.
func terraformDataComputed(rc *resourceConfig, inst *resInstance, mi *moduleInstance, a string) bool {
	switch a {
	case "id":
		return true
	case "output":
		v, _, ok := mi.resourceAttr(rc, inst, "input")
		return ok && !v.IsNull()
	}
	return false
}

// refOrigin is the shadow of a reference to a resource attribute (steps
// follow the resource name): the configured value with a Ref to the
// resource, or an Unknown standing for the computed attribute.
func (mi *moduleInstance) refOrigin(rc *resourceConfig, steps hcl.Traversal) (*graph.Value, string, hcl.Traversal) {
	re := mi.resExpansion(rc)
	inst, steps := pickInstance(re.expansion, steps, func(k string) *resInstance { return re.byKey[k] }, re.insts)
	if inst == nil {
		return nil, "", nil
	}
	attr, ok := attrStep(steps, 0)
	if !ok {
		return nil, "", nil
	}
	if !rc.data {
		if v, sh, ok := mi.resourceAttr(rc, inst, attr); ok && !v.IsNull() {
			c := *sh
			c.Ref = &graph.Ref{Resource: inst.addr, Attr: attr}
			return &c, fmt.Sprintf("attribute %s of %s", attr, inst.addr), steps[1:]
		}
		if hasSchema(rc) && !terraformDataComputed(rc, inst, mi, attr) {
			return nil, "", nil
		}
		return graph.UnknownRef(inst.addr, attr, "computed attribute "+inst.addr+"."+attr, graph.Location{}), "", steps[1:]
	}
	return graph.UnknownRef(inst.addr, attr, "data source "+inst.addr+" is read at apply time", graph.Location{}), "", steps[1:]
}

// refTargets lists the resource instances a traversal refers to, with the
// attribute it reads: one instance when the index is static or the
// resource is not repeated, every instance otherwise.
func (mi *moduleInstance) refTargets(t hcl.Traversal, s *scope, skip func(base string) bool) []graph.Ref {
	root := t.RootName()
	if _, ok := s.iters[root]; ok {
		return nil
	}
	var rc *resourceConfig
	var steps hcl.Traversal
	switch root {
	case "var", "local", "module", "count", "each", "path", "terraform", "self":
		return nil
	case "data":
		typ, ok1 := attrStep(t, 1)
		name, ok2 := attrStep(t, 2)
		if !ok1 || !ok2 {
			return nil
		}
		rc, steps = mi.cfg.byAddr["data."+typ+"."+name], t[3:]
	default:
		name, ok := attrStep(t, 1)
		if !ok {
			return nil
		}
		rc, steps = mi.cfg.byAddr[root+"."+name], t[2:]
	}
	if rc == nil || (skip != nil && skip(mi.prefix()+rc.addr())) {
		return nil
	}
	re := mi.resExpansion(rc)
	inst, rest := pickInstance(re.expansion, steps, func(k string) *resInstance { return re.byKey[k] }, re.insts)
	if inst != nil {
		attr, _ := attrStep(rest, 0)
		return []graph.Ref{{Resource: inst.addr, Attr: attr}}
	}
	attr := ""
	if len(steps) > 0 && !isIndexStep(steps[0]) {
		attr, _ = attrStep(steps, 0)
	}
	out := make([]graph.Ref, 0, len(re.insts))
	for _, in := range re.insts {
		out = append(out, graph.Ref{Resource: in.addr, Attr: attr})
	}
	return out
}

// emitter turns one resource instance's body into its Attrs and edges.
type emitter struct {
	mi   *moduleInstance
	rc   *resourceConfig
	inst *resInstance
	// validateOnly is set for the stand-in of a resource without
	// instances (validateEmptyResources): its body is evaluated for its
	// errors, and gives no edges.
	validateOnly bool
}

func (mi *moduleInstance) emitResource(rc *resourceConfig, inst *resInstance) {
	ev := mi.ev
	r := &graph.Resource{
		ID:             inst.addr,
		Type:           rc.typ,
		Source:         graph.SourceTerraform,
		Module:         mi.path,
		Loc:            loc(rc.fullRange),
		Representative: inst.key.kind == keyUnknown || mi.representative,
		DataSource:     rc.data,
		Meta:           map[string]*graph.Value{},
	}
	e := &emitter{mi: mi, rc: rc, inst: inst}
	s := mi.instanceScope(inst)
	r.Attrs = e.items(rc.items, s, nil, r.Loc, true)
	e.meta(r)
	mi.checkResourceConditions(rc, inst)
	ev.unit.Resources = append(ev.unit.Resources, r)
}

// refMark marks a cty value read from another resource's attribute.
type refMark graph.Ref

// edges records the references an attribute makes: every exact reference
// the value carries (through variables, locals and module outputs too),
// every value computed from another resource's attribute (by the refMark
// cty carried through the computation), then every direct traversal to a
// resource not already covered.
func (e *emitter) edges(path graph.Path, expr hcl.Expression, v cty.Value, sh *graph.Value, s *scope) {
	if e.validateOnly {
		return
	}
	ev := e.mi.ev
	from := e.inst.addr
	seen := map[string]bool{}
	seenBase := map[string]bool{}
	add := func(to, attr string, p graph.Path, l graph.Location) {
		key := to + "|" + attr + "|" + fmt.Sprint(l.StartLine)
		if to == from || seen[key] {
			return
		}
		seen[key] = true
		seenBase[baseAddr(to)] = true
		ev.addEdge(graph.Edge{From: from, To: to, Kind: graph.EdgeRef, Attr: attr, Path: p, Location: l})
	}
	sh.Walk(func(p graph.Path, n *graph.Value) bool {
		if n.Ref != nil {
			add(n.Ref.Resource, n.Ref.Attr, path.Append(p...), n.Loc)
		}
		return true
	})
	if v != cty.NilVal && v.ContainsMarked() {
		plain, pvms := v.UnmarkDeepWithPaths()
		// A resource object used as a whole is one reference to the
		// resource, not one per attribute name rampart gave it.
		open := openPaths(plain, pvms)
		for _, o := range open {
			p := graphPath(o.path)
			add(o.resource, "", path.Append(p...), sh.Nearest(p).Loc)
		}
		for _, pvm := range pvms {
			if insideOpen(pvm.Path, open) {
				continue
			}
			p := graphPath(pvm.Path)
			n := sh.Nearest(p)
			for m := range pvm.Marks {
				if r, ok := markRef(m); ok {
					add(r.Resource, r.Attr, path.Append(p...), n.Loc)
				}
			}
		}
	}
	// A traversal whose index is computed (aws_instance.web[count.index])
	// names every instance; when the value already told which instance it
	// read, that is the edge.
	for _, t := range e.mi.ev.loader.variables(expr) {
		l := loc(t.SourceRange())
		refs := e.mi.refTargets(t, s, func(base string) bool { return seenBase[base] })
		for _, ref := range refs {
			add(ref.Resource, ref.Attr, path, l)
		}
	}
}

// meta fills the resource's Meta: provider, default_tags, repetition key,
// depends_on and literal lifecycle settings.
func (e *emitter) meta(r *graph.Resource) {
	mi, rc, inst := e.mi, e.rc, e.inst
	prov := rc.typ
	if i := strings.IndexByte(prov, '_'); i > 0 {
		prov = prov[:i]
	}
	provLoc := loc(rc.declRange)
	if rc.provider != nil {
		prov, provLoc = traversalName(rc.provider), loc(rc.provRange)
	}
	r.Meta["provider"] = graph.String(prov, provLoc)
	if !rc.data {
		if tags := mi.defaultTags(prov); tags != nil {
			r.Meta["default_tags"] = tags
		}
	}
	switch inst.key.kind {
	case keyInt:
		r.Meta["count_index"] = graph.Number(float64(inst.key.idx), inst.key.countAt)
		if h := inst.key.exists; h != nil {
			because := graph.String(r.ID, h.Location)
			because.Trace = graph.Trace{*h}
			r.Meta[graph.MetaExistsBecause] = because
		}
	case keyString:
		r.Meta["each_key"] = derive(inst.key.keySh, loc(rc.declRange), "each.key")
		if inst.key.keySh.Kind != graph.KindString {
			r.Meta["each_key"] = graph.String(inst.key.str, loc(rc.declRange))
		}
	}
	if len(rc.dependsOn) > 0 {
		var items []*graph.Value
		for _, t := range rc.dependsOn {
			l := loc(t.SourceRange())
			items = append(items, graph.String(traversalName(t), l))
			for _, ref := range mi.refTargets(t, mi.scope(), nil) {
				mi.ev.addEdge(graph.Edge{From: inst.addr, To: ref.Resource, Kind: graph.EdgeDependsOn, Location: l})
			}
		}
		r.Meta["depends_on"] = graph.List(items, items[0].Loc)
	}
	if rc.lifecycle != nil {
		r.Meta["lifecycle"] = lifecycleMeta(rc.lifecycle, mi.ev)
	}
}

// lifecycleSchema reads the settings of a lifecycle block that are values:
// ignore_changes and replace_triggered_by list attribute names and
// references, and the conditions are not evaluated.
var lifecycleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "create_before_destroy"}, {Name: "prevent_destroy"}},
}

// lifecycleMeta is the literal settings of a lifecycle block (overrides
// merged in per argument), in either syntax: create_before_destroy and
// prevent_destroy. The settings still from the original file come first,
// then those an override wrote.
func lifecycleMeta(b *hcl.Block, ev *evaluator) *graph.Value {
	l := loc(b.DefRange)
	if sb, ok := baseBody(b.Body).(*hclsyntax.Body); ok {
		l = loc(sb.SrcRange)
	}
	lm := graph.Map(l)
	content, _, diags := b.Body.PartialContent(lifecycleSchema)
	ev.addHCL(diags)
	if content == nil {
		return lm
	}
	attrs := sortedAttrs(content.Attributes)
	sort.SliceStable(attrs, func(i, j int) bool {
		return attrs[i].Range.Filename == b.DefRange.Filename && attrs[j].Range.Filename != b.DefRange.Filename
	})
	for _, a := range attrs {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() {
			lm.Set(a.Name, fromCty(v, loc(a.Expr.Range()), ""))
		}
	}
	return lm
}

// baseBody is the original body under any number of merged overrides.
func baseBody(b hcl.Body) hcl.Body {
	for {
		mb, ok := b.(mergedBody)
		if !ok {
			return b
		}
		b = mb.base
	}
}

// graphPath converts a cty path (as marks are reported) to a graph path;
// set elements, which have no position, end it.
func graphPath(p cty.Path) graph.Path {
	out := make(graph.Path, 0, len(p))
	for _, step := range p {
		switch s := step.(type) {
		case cty.GetAttrStep:
			out = append(out, s.Name)
		case cty.IndexStep:
			k := s.Key
			switch {
			case !k.IsKnown() || k.IsNull():
				return out
			case k.Type() == cty.String:
				out = append(out, k.AsString())
			case k.Type() == cty.Number:
				i, acc := k.AsBigFloat().Int64()
				if acc != 0 {
					return out
				}
				out = append(out, int(i))
			default:
				return out
			}
		}
	}
	return out
}

// baseAddr strips the instance key from a resource address:
// aws_instance.web[0] -> aws_instance.web.
func baseAddr(addr string) string {
	if strings.HasSuffix(addr, "]") {
		if i := strings.LastIndexByte(addr, '['); i > 0 {
			return addr[:i]
		}
	}
	return addr
}
