package terraform

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// moduleInstance is one instance of a module: the root, or one key of a
// module call with count/for_each.
type moduleInstance struct {
	ev          *evaluator
	cfg         *moduleConfig
	addr        string // "", module.sg["web"], module.a.module.b[0]
	path        string // static path: "", module.sg, module.a.module.b
	manifestKey string // modules.json key: "", sg, a.b
	parent      *moduleInstance
	call        *moduleCall
	callScope   *scope // the caller's scope for this instance's arguments
	// representative is set when this instance, or one of its callers,
	// stands for an unknown number of instances.
	representative bool
	// validating is set for the stand-in of a module call without
	// instances and every instance below it (validateOnly): terraform
	// validates those with every input variable Unknown.
	validating bool
	// argumentErrors is set when an argument of this validated instance
	// gave an error, whenever it was evaluated; manifestBelow when a
	// module source at or below it was looked up in the module manifest.
	argumentErrors, manifestBelow bool
	depth                         int
	funcs                         map[string]function.Function
	pathObj                       cty.Value // path.*, built on first use

	calls    map[string]*callExpansion
	res      map[*resourceConfig]*resExpansion
	varNotes map[string]string
	objects  map[string]cty.Value // resource objects by address and attribute set
}

// callExpansion is a module call's instances.
type callExpansion struct {
	call      *moduleCall
	exp       *expansion
	cfg       *moduleConfig // nil when the module is not available
	why       string        // why cfg is nil: the reason its outputs are Unknown
	instances []*moduleInstance
	byKey     map[string]*moduleInstance
}

func newInstance(ev *evaluator, cfg *moduleConfig) *moduleInstance {
	return &moduleInstance{
		ev: ev, cfg: cfg, funcs: ev.instanceFuncs(cfg),
		calls:    map[string]*callExpansion{},
		res:      map[*resourceConfig]*resExpansion{},
		varNotes: map[string]string{},
		objects:  map[string]cty.Value{},
	}
}

// prefix is what this instance puts before the addresses inside it.
func (mi *moduleInstance) prefix() string {
	if mi.addr == "" {
		return ""
	}
	return mi.addr + "."
}

// pathModule is path.module: the module directory relative to the root
// module, where Terraform runs.
func (mi *moduleInstance) pathModule() string {
	rel, err := filepath.Rel(mi.ev.rootDir, mi.cfg.dir)
	if err != nil {
		return filepath.ToSlash(mi.cfg.dir)
	}
	return filepath.ToSlash(rel)
}

func (mi *moduleInstance) scope() *scope { return &scope{ev: mi.ev, mi: mi} }

// variable returns the value of var.name in this instance, its shadow and
// the note for a hop from where the value was written. An instance that
// is only validated (validating) evaluates what it is given, for the
// errors there, and reads the variable as Unknown.
func (mi *moduleInstance) variable(name string) (cty.Value, *graph.Value, string) {
	vc := mi.cfg.variables[name]
	v, sh := mi.ev.once(mi.prefix()+"var."+name, vc.declRange, true, func() (cty.Value, *graph.Value) {
		if !mi.validating {
			return mi.evalVariable(vc)
		}
		if !mi.call.validated.Load() {
			raised := mi.ev.errorsRaised
			mi.validateArgument(vc)
			mi.argumentErrors = mi.argumentErrors || mi.ev.errorsRaised != raised
		}
		return unknownVariable(vc), graph.Unknown("module "+mi.addr+" is only validated, with every variable Unknown", loc(vc.declRange))
	})
	return v, sh, mi.varNotes[name]
}

// validateArgument evaluates, for an instance that is only validated,
// what its caller gives a variable, for the errors there: an argument
// missing, or one that its type refuses. A default is not evaluated: the
// variable reads as Unknown, and a default its type refuses is reported
// where the module is parsed.
func (mi *moduleInstance) validateArgument(vc *variableConfig) {
	defer mi.ev.within(mi)()
	val, sh, _, set := mi.rawVariableIn(vc, true)
	switch {
	case set && !(val.IsNull() && !vc.nullable):
		mi.ev.checkVariable(vc, val, sh)
	case vc.def == nil && !set:
		mi.missingArgument(vc)
	}
}

// missingArgument reports a required variable the caller does not set.
func (mi *moduleInstance) missingArgument(vc *variableConfig) {
	mi.ev.errorAt(loc(mi.call.declRange), "Missing required argument",
		fmt.Sprintf("the argument %q is required by %s, but no definition was found", vc.name, mi.cfg.dir))
}

// unknownVariable is a variable as validation reads it: Unknown, of its
// type, sensitive or ephemeral as declared.
func unknownVariable(vc *variableConfig) cty.Value {
	v := cty.UnknownVal(vc.typ)
	if vc.sensitive {
		v = v.Mark(sensitiveMark)
	}
	if vc.ephemeral {
		v = v.Mark(ephemeralMark)
	}
	return v
}

// evalVariable evaluates a variable: what its caller, the root's values or
// its default give, checked against its declaration.
func (mi *moduleInstance) evalVariable(vc *variableConfig) (cty.Value, *graph.Value) {
	defer mi.ev.within(mi)()
	name := vc.name
	val, sh, note, set := mi.rawVariable(vc)
	if set && val.IsNull() && !vc.nullable {
		if vc.def == nil {
			return mi.nullRequired(vc, sh)
		}
		set = false
	}
	if !set {
		if vc.badDefault {
			return cty.UnknownVal(vc.typ), graph.Unknown("invalid default of variable "+name, loc(vc.def.Range()))
		}
		if vc.def != nil {
			note = "default of variable " + name
			if v, sh, ok := mi.ev.literalDefault(vc); ok {
				mi.varNotes[name] = note
				return v, sh
			}
			val, sh = (&scope{ev: mi.ev}).eval(vc.def)
		} else {
			if mi.parent != nil {
				mi.missingArgument(vc)
			}
			note = "variable " + name
			mi.varNotes[name] = note
			return cty.UnknownVal(vc.typ), graph.Unknown("variable "+name+" has no value", loc(vc.declRange))
		}
	}
	mi.varNotes[name] = note
	return mi.ev.finishVariable(vc, val, sh)
}

// rawVariable finds the value given for a variable: by the caller for a
// child module, by tfvars, -var and the environment for the root.
func (mi *moduleInstance) rawVariable(vc *variableConfig) (cty.Value, *graph.Value, string, bool) {
	return mi.rawVariableIn(vc, false)
}

// rawVariableIn is rawVariable; with discarded, the caller keeps only the
// errors the argument gives, not its value's provenance (scope.discarded).
func (mi *moduleInstance) rawVariableIn(vc *variableConfig, discarded bool) (cty.Value, *graph.Value, string, bool) {
	if mi.parent == nil {
		rv := mi.ev.rootVals[vc.name]
		if rv == nil {
			return cty.NilVal, nil, "", false
		}
		v, sh := mi.ev.rootValue(vc, rv)
		return v, sh, rv.note, true
	}
	a := mi.call.args[vc.name]
	if a == nil {
		return cty.NilVal, nil, "", false
	}
	defer mi.ev.within(mi.parent)() // the argument is the caller's expression
	s := mi.callScope
	if discarded {
		c := *s
		c.discarded = true
		s = &c
	}
	v, sh := s.eval(a.Expr)
	if !vc.ephemeral && mi.ev.ephemeralIn(v) {
		mi.failure(loc(a.Expr.Range()), "Ephemeral value not allowed",
			fmt.Sprintf("variable %s of %s is not declared ephemeral, so it may not be set to a value derived from an ephemeral value", vc.name, mi.addr))
	}
	return v, sh, fmt.Sprintf("%s input %s", mi.addr, vc.name), true
}

func (mi *moduleInstance) local(name string) (cty.Value, *graph.Value) {
	a := mi.cfg.locals[name]
	return mi.ev.once(mi.prefix()+"local."+name, a.NameRange, true, func() (cty.Value, *graph.Value) {
		defer mi.ev.within(mi)()
		return mi.scope().eval(a.Expr)
	})
}

func (mi *moduleInstance) output(name string) (cty.Value, *graph.Value) {
	o := mi.cfg.outputs[name]
	return mi.ev.once(mi.prefix()+"output."+name, o.declRange, true, func() (cty.Value, *graph.Value) {
		defer mi.ev.within(mi)()
		if o.expr == nil {
			return cty.DynamicVal, graph.Unknown("output "+name+" has no value", loc(o.declRange))
		}
		v, sh := mi.scope().eval(o.expr)
		if o.ephemeral && mi.parent != nil {
			v = v.Mark(ephemeralMark)
		}
		if o.sensitive {
			// terraform 1.11 plans a child module's sensitive output
			// as not sensitive to its caller (issensitive is false, a
			// root output may show it): only the root's is marked. The
			// shadow is marked either way, so the value passed on
			// unchanged is still reported as sensitive.
			if mi.parent == nil {
				v = v.Mark(sensitiveMark)
			}
			markSensitive(sh)
		}
		return v, sh
	})
}

// moduleObject is module.name as a value: an object of the outputs the
// expression reads (all of them when it uses the module as a whole), a
// tuple of them under count, a map under for_each.
func (mi *moduleInstance) moduleObject(name string, attrs map[string]bool, whole bool) cty.Value {
	ce := mi.expandCall(name)
	if ce == nil || ce.cfg == nil || ce.exp.unknown {
		return cty.DynamicVal
	}
	outs := make([]string, 0, len(attrs))
	for out := range ce.cfg.outputs {
		if whole || attrs[out] {
			outs = append(outs, out)
		}
	}
	sort.Strings(outs)
	key := "module." + name + "|" + strings.Join(outs, ",")
	if v, ok := mi.objects[key]; ok {
		return v
	}
	cacheable := true
	obj := func(child *moduleInstance) cty.Value {
		m := make(map[string]cty.Value, len(outs))
		for _, out := range outs {
			if e, ok := mi.ev.memo[child.prefix()+"output."+out]; ok && e.busy {
				cacheable = false
			}
			m[out], _ = child.output(out)
		}
		return cty.ObjectVal(m)
	}
	var v cty.Value
	switch ce.exp.mode {
	case modeCount:
		vals := make([]cty.Value, len(ce.instances))
		for i, c := range ce.instances {
			vals[i] = obj(c)
		}
		v = cty.TupleVal(vals)
	case modeForEach:
		vals := make(map[string]cty.Value, len(ce.instances))
		for i, c := range ce.instances {
			vals[ce.exp.keys[i].str] = obj(c)
		}
		v = cty.ObjectVal(vals)
	default:
		v = obj(ce.instances[0])
	}
	if cacheable {
		mi.objects[key] = v
	}
	return v
}

// outputOrigin is the shadow of module.name[key].output, where the output
// was computed inside the child.
func (mi *moduleInstance) outputOrigin(name string, steps hcl.Traversal) (*graph.Value, string, hcl.Traversal) {
	ce := mi.expandCall(name)
	if ce == nil {
		return nil, "", nil
	}
	if ce.cfg == nil {
		return graph.Unknown("outputs of "+ce.why, graph.Location{}), "", nil
	}
	child, steps := pickInstance(ce.exp, steps, func(k string) *moduleInstance { return ce.byKey[k] }, ce.instances)
	if child == nil {
		return nil, "", nil
	}
	out, ok := attrStep(steps, 0)
	if !ok || child.cfg.outputs[out] == nil {
		return nil, "", nil
	}
	_, sh := child.output(out)
	return sh, fmt.Sprintf("%s output %s", child.addr, out), steps[1:]
}

// pickInstance selects the instance an index step names and returns the
// steps after it.
func pickInstance[T any](exp *expansion, steps hcl.Traversal, byKey func(string) *T, all []*T) (*T, hcl.Traversal) {
	if len(all) == 0 {
		return nil, steps
	}
	if exp.unknown {
		if len(steps) > 0 && isIndexStep(steps[0]) {
			steps = steps[1:]
		}
		return all[0], steps
	}
	if exp.mode == modeNone {
		return all[0], steps
	}
	k, ok := indexKey(steps)
	if !ok {
		return nil, steps
	}
	return byKey(k), steps[1:]
}

func isIndexStep(s hcl.Traverser) bool {
	_, ok := s.(hcl.TraverseIndex)
	return ok
}

// indexKey renders a leading known index step as an instance key.
func indexKey(steps hcl.Traversal) (string, bool) {
	if len(steps) == 0 {
		return "", false
	}
	ix, ok := steps[0].(hcl.TraverseIndex)
	if !ok {
		return "", false
	}
	k, _ := ix.Key.UnmarkDeep()
	if !k.IsKnown() || k.IsNull() {
		return "", false
	}
	switch k.Type() {
	case cty.String:
		return k.AsString(), true
	case cty.Number:
		bf := k.AsBigFloat()
		if i, acc := bf.Int64(); acc == 0 {
			return fmt.Sprint(i), true
		}
	}
	return "", false
}

// expandCall evaluates a module call's count/for_each and loads the child
// configuration; nil when the call is part of a reference cycle.
func (mi *moduleInstance) expandCall(name string) *callExpansion {
	if ce, ok := mi.calls[name]; ok {
		return ce
	}
	call := mi.cfg.callByName[name]
	mi.ev.once(mi.prefix()+"module."+name, call.declRange, true, func() (cty.Value, *graph.Value) {
		mi.calls[name] = mi.newCallExpansion(call)
		return cty.NilVal, nil
	})
	return mi.calls[name]
}

func (mi *moduleInstance) newCallExpansion(call *moduleCall) *callExpansion {
	ev := mi.ev
	ce := &callExpansion{call: call, byKey: map[string]*moduleInstance{}}
	ce.exp = mi.expand(call.count, call.forEach, mi.prefix()+"module."+call.name)
	dir, ok := ev.resolveSource(mi, call, mi.manifestKeyOf(call))
	if !ok {
		ce.why = fmt.Sprintf("module %s is not available (not downloaded or not found)", call.name)
		return ce
	}
	for p := mi; p != nil; p = p.parent {
		if filepath.Clean(p.cfg.dir) == filepath.Clean(dir) {
			ev.errorAt(loc(call.declRange), "Module cycle",
				fmt.Sprintf("module %q calls %s, which is already being evaluated above it", call.name, dir))
			ce.why = fmt.Sprintf("module %s is part of a module cycle", call.name)
			return ce
		}
	}
	if mi.depth+1 > maxModuleDepth {
		ev.errorAt(loc(call.declRange), "Modules nested too deeply",
			fmt.Sprintf("module %q is nested more than %d levels deep", call.name, maxModuleDepth))
		ce.why = fmt.Sprintf("module %s is nested too deeply", call.name)
		return ce
	}
	cfg := ev.loader.config(dir)
	ev.useConfig(cfg)
	ce.cfg = cfg
	names := make([]string, 0, len(call.args))
	for n := range call.args {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if cfg.variables[n] == nil {
			ev.errorAt(loc(call.args[n].NameRange), "Unsupported argument",
				fmt.Sprintf("an argument named %q is not expected here: %s declares no such variable", n, dir))
		}
	}
	for _, k := range ce.exp.keys {
		child := mi.newChild(call, cfg, k)
		child.representative = mi.representative || k.kind == keyUnknown
		child.validating = mi.validating
		ce.instances = append(ce.instances, child)
		ce.byKey[k.String()] = child
	}
	return ce
}

// newChild is the instance of call, of module cfg, under mi with key k:
// its addresses, its manifest key, and the scope its arguments are
// evaluated in.
func (mi *moduleInstance) newChild(call *moduleCall, cfg *moduleConfig, k *instanceKey) *moduleInstance {
	child := newInstance(mi.ev, cfg)
	child.parent, child.call, child.depth = mi, call, mi.depth+1
	child.addr = mi.prefix() + "module." + call.name + k.suffix()
	child.path = strings.TrimPrefix(mi.path+".module."+call.name, ".")
	child.manifestKey = mi.manifestKeyOf(call)
	child.callScope = &scope{ev: mi.ev, mi: mi, key: k}
	return child
}

// manifestKeyOf is the modules.json key of call under mi: "sg", "a.b".
func (mi *moduleInstance) manifestKeyOf(call *moduleCall) string {
	if mi.manifestKey == "" {
		return call.name
	}
	return mi.manifestKey + "." + call.name
}

// provider finds the provider configuration a provider address means in
// this module: its own blocks, then what the caller passes in providers =
// {...}, then (for unaliased providers) the caller's default one.
func (mi *moduleInstance) provider(addr string) (*moduleInstance, *providerConfig) {
	for _, p := range mi.cfg.providers {
		if p.addr() == addr {
			return mi, p
		}
	}
	if mi.parent == nil {
		return nil, nil
	}
	if pa, ok := mi.call.providers[addr]; ok {
		return mi.parent.provider(pa)
	}
	if !strings.Contains(addr, ".") {
		return mi.parent.provider(addr)
	}
	return nil, nil
}

// defaultTags evaluates default_tags { tags } of the provider configuration
// a resource uses, in the module that configures it.
func (mi *moduleInstance) defaultTags(addr string) *graph.Value {
	pmi, p := mi.provider(addr)
	if p == nil || p.defaultTags == nil {
		return nil
	}
	_, sh := mi.ev.once(pmi.prefix()+"provider."+p.addr()+".default_tags", p.declRange, true, func() (cty.Value, *graph.Value) {
		defer mi.ev.within(pmi)()
		return pmi.scope().eval(p.defaultTags)
	})
	return sh
}

// emit adds this instance's resources to the unit, evaluates the rest of
// its values (evaluateAll), then does the same for its children.
func (mi *moduleInstance) emit() {
	defer mi.ev.within(mi)()
	mi.ev.noteModulePath(mi)
	for _, rc := range mi.cfg.resources {
		if mi.ev.cancelled() {
			return
		}
		exp := mi.resExpansion(rc)
		for _, inst := range exp.insts {
			mi.emitResource(rc, inst)
		}
	}
	mi.evaluateAll()
	mi.addTemplateValues()
	for _, call := range mi.cfg.calls {
		ce := mi.expandCall(call.name)
		if ce == nil {
			continue
		}
		for _, child := range ce.instances {
			child.emit()
		}
	}
	mi.validateEmpty()
	if mi.parent == nil {
		mi.ev.checkCycles()
	}
}
