package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// evaluateAll evaluates every variable, local value and output of the
// instance, as terraform plan does whether or not anything reads them: an
// undeclared reference or a failing function call in an output nobody
// reads still fails the plan, and so fails the scan. Values are memoized,
// so what a resource already read is not evaluated again. Variable
// validations run last, once every value a condition may read is there.
func (mi *moduleInstance) evaluateAll() {
	for _, name := range mi.cfg.sortedNames().variables {
		if mi.ev.cancelled() {
			return
		}
		mi.variable(name)
	}
	for _, name := range mi.cfg.sortedNames().locals {
		if mi.ev.cancelled() {
			return
		}
		mi.local(name)
	}
	for _, name := range mi.cfg.sortedNames().outputs {
		if mi.ev.cancelled() {
			return
		}
		v, _ := mi.output(name)
		mi.checkSensitiveOutput(mi.cfg.outputs[name], v)
		mi.checkEphemeralOutput(mi.cfg.outputs[name], v)
	}
	for _, name := range mi.cfg.sortedNames().variables {
		mi.validate(mi.cfg.variables[name])
	}
	for _, name := range mi.cfg.sortedNames().outputs {
		mi.checkPreconditions(mi.cfg.outputs[name])
	}
	for _, c := range mi.cfg.checks {
		mi.checkAssertions(c)
	}
}

// validateEmpty evaluates, only to find errors, the resources and module
// calls of mi that have no instance. It runs once everything else of the
// instance and below it is evaluated, so what it evaluates first belongs
// to those bodies alone; their notes and warnings (a value-dependent
// error in a body that never runs) are dropped.
func (mi *moduleInstance) validateEmpty() {
	prev := mi.ev.validating
	mi.ev.validating = true
	defer func() { mi.ev.validating = prev }()
	mi.validateEmptyResources()
	mi.validateEmptyCalls()
}

// validateEmptyResources evaluates the bodies of resources that have no
// instance (count = 0, an empty for_each) once, as terraform's validation
// does: count.index, each.* and every variable, local value, module
// output and resource they read are Unknown (builder.unknownRefs), and an
// undeclared reference or a wrong number of function arguments there
// still fails the plan, in an argument, a nested block or a lifecycle
// condition alike.
//
// What such a validation finds depends on the configuration alone, not
// on the instance's values: a body found without error is not validated
// again, in another instance of its module or in another root that
// shares the parsed module (resourceConfig.validated). A body with an
// error is validated wherever it is, so that each root reports it.
func (mi *moduleInstance) validateEmptyResources() {
	for _, rc := range mi.cfg.resources {
		if mi.ev.cancelled() {
			return
		}
		if len(mi.resExpansion(rc).insts) > 0 || rc.validated.Load() {
			continue
		}
		raised := mi.ev.errorsRaised
		what := mi.prefix() + rc.addr()
		key := validationKey(rc.count != nil, what)
		key.validation = true
		inst := &resInstance{key: key, addr: what + key.suffix()}
		e := &emitter{mi: mi, rc: rc, inst: inst, validateOnly: true}
		e.items(rc.items, mi.instanceScope(inst), nil, loc(rc.fullRange), true)
		mi.checkResourceConditions(rc, inst)
		if mi.ev.errorsRaised == raised && !mi.ev.cancelled() {
			rc.validated.Store(true)
		}
	}
}

// validateEmptyCalls evaluates the module calls of mi that have no
// instance (count = 0, an empty for_each), as terraform's validation does
// before planning: a stand-in instance, whose variables are Unknown,
// evaluates the child's locals and outputs, and its own calls the same
// way, and emits nothing (validateOnly). As in any instance standing for
// unknown ones, only errors that depend on no value are errors there (an
// undeclared reference, a wrong number of arguments).
func (mi *moduleInstance) validateEmptyCalls() {
	for _, call := range mi.cfg.calls {
		if mi.ev.cancelled() {
			return
		}
		ce := mi.expandCall(call.name)
		if ce == nil || ce.cfg == nil || len(ce.instances) > 0 {
			continue
		}
		mi.standIn(ce).validateOnly()
	}
}

// validationKey is the instance key of a body evaluated only to be
// validated: its count.index or each.* are Unknown.
func validationKey(byCount bool, what string) *instanceKey {
	arg := "for_each"
	if byCount {
		arg = "count"
	}
	return &instanceKey{kind: keyUnknown, byCount: byCount,
		reason: fmt.Sprintf("%s of %s gives no instance; its body is only validated", arg, what)}
}

// standIn is the instance that validates a module call without instances.
func (mi *moduleInstance) standIn(ce *callExpansion) *moduleInstance {
	key := validationKey(ce.call.count != nil, mi.prefix()+"module."+ce.call.name)
	key.validation = true
	child := mi.newChild(ce.call, ce.cfg, key)
	child.representative, child.validating = true, true
	return child
}

// validateOnly evaluates an instance that emits nothing, and every
// instance below it, as terraform validates a module: with every input
// variable Unknown (moduleInstance.validating).
//
// The arguments the caller gives are evaluated first, for the errors
// there, with the caller's references Unknown too (the stand-in's key, or
// a caller that is itself only validated): once they gave none, the other
// instances of the call, in this root or another sharing the parsed
// module, skip them. The rest depends on the module's configuration
// alone: once its validation finds nothing, the roots sharing the parsed
// module skip it and only record what it reads (noteBelow). A module
// below which a source is resolved through the module manifest, which
// each root has its own of, is always validated.
func (mi *moduleInstance) validateOnly() {
	defer mi.ev.within(mi)()
	mi.ev.noteModulePath(mi)
	// The arguments may have been evaluated before, when the caller
	// read this instance's outputs: argumentErrors says what they gave.
	for _, name := range mi.cfg.sortedNames().variables {
		mi.variable(name)
	}
	if !mi.argumentErrors && !mi.ev.cancelled() {
		mi.call.validated.Store(true)
	}
	if mi.cfg.validated.Load() {
		mi.noteBelow()
		return
	}
	raised := mi.ev.errorsRaised
	mi.evaluateAll()
	for _, call := range mi.cfg.calls {
		if ce := mi.expandCall(call.name); ce != nil {
			for _, child := range ce.instances {
				child.validateOnly()
			}
		}
	}
	mi.validateEmpty()
	if mi.ev.errorsRaised == raised && !mi.manifestBelow && !mi.ev.cancelled() {
		mi.cfg.validated.Store(true)
	}
}

// noteBelow records, for an instance whose module validates without
// error, what validating the modules below it would: a module path for
// each, which checkCycles builds its graph from, and the files of each,
// which the unit reads.
func (mi *moduleInstance) noteBelow() {
	if mi.depth >= maxModuleDepth {
		return
	}
	for _, call := range mi.cfg.calls {
		dir, ok := mi.ev.resolveSource(mi, call, mi.manifestKeyOf(call))
		if !ok {
			continue
		}
		cfg := mi.ev.loader.config(dir)
		mi.ev.useConfig(cfg)
		key := &instanceKey{}
		if call.count != nil || call.forEach != nil {
			key = validationKey(call.count != nil, mi.prefix()+"module."+call.name)
		}
		child := mi.newChild(call, cfg, key)
		child.representative, child.validating = true, true
		mi.ev.noteModulePath(child)
		child.noteBelow()
	}
}

// checkPreconditions checks an output's precondition blocks: one that is
// known and false is terraform's "Module output value precondition
// failed", at the condition.
func (mi *moduleInstance) checkPreconditions(o *outputConfig) {
	for _, p := range o.preconditions {
		generic := fmt.Sprintf("the precondition of output %s does not hold", o.name)
		if failed, msg := mi.rule(mi.scope(), p, generic); failed {
			mi.failure(loc(p.condition.Range()), "Module output value precondition failed", msg)
		}
	}
}

// validate checks a variable's validation blocks against its value. A
// condition that is Unknown (the value is not known before apply) passes;
// one that is known and false is an error where the value was given, as
// in terraform: the tfvars entry, the module argument, or the declaration
// when the value came from the command line.
func (mi *moduleInstance) validate(vc *variableConfig) {
	if len(vc.validations) == 0 {
		return
	}
	_, sh, _ := mi.variable(vc.name)
	at := loc(vc.declRange)
	if sh != nil && sh.Loc.File != "" {
		at = sh.Loc
	}
	for _, v := range vc.validations {
		generic := fmt.Sprintf("the value of variable %s does not pass its validation rule", vc.name)
		if failed, msg := mi.rule(mi.scope(), v, generic); failed {
			mi.failure(at, "Invalid value for variable", fmt.Sprintf("%s (checked by the validation rule at %s)", msg, loc(v.declRange)))
		}
	}
}

// rule evaluates a validation, precondition, postcondition or assertion
// in scope s: whether its condition is known to be false, and its
// message. The error_message is evaluated either way, as terraform does:
// an undeclared reference in it is an error even while the condition
// holds.
func (mi *moduleInstance) rule(s *scope, v validation, generic string) (failed bool, msg string) {
	ok, known := mi.condition(s, v.condition)
	return known && !ok, mi.conditionMessage(s, v, generic)
}

// condition evaluates a condition in scope s: whether it holds, and
// whether that is known. A null or non-bool result is an error of the
// configuration.
func (mi *moduleInstance) condition(s *scope, expr hcl.Expression) (holds, known bool) {
	v, _ := s.eval(expr)
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return false, false
	}
	if v.IsNull() {
		mi.failure(loc(expr.Range()), "Invalid condition result", "the condition value is null; it must be true or false")
		return false, false
	}
	b, err := convert.Convert(v, cty.Bool)
	if err != nil {
		mi.failure(loc(expr.Range()), "Invalid condition result", "the condition must be a bool: "+err.Error())
		return false, false
	}
	if !b.IsKnown() {
		return false, false
	}
	return b.True(), true
}

// conditionMessage is the rule's error_message, or generic when it is
// missing or cannot be rendered.
func (mi *moduleInstance) conditionMessage(s *scope, v validation, generic string) string {
	if v.errorMessage == nil {
		return generic
	}
	msg, _ := s.eval(v.errorMessage)
	// terraform does not show a message derived from a sensitive or an
	// ephemeral value, and warns about it whether or not the condition
	// holds.
	for _, hidden := range []struct {
		mark any
		what string
	}{{sensitiveMark, "sensitive"}, {ephemeralMark, "ephemeral"}} {
		if msg.HasMarkDeep(hidden.mark) {
			mi.ev.addDiag(graph.Diagnostic{
				Severity: graph.SeverityWarning,
				Summary:  "Error message refers to " + hidden.what + " values",
				Detail:   fmt.Sprintf("the error_message refers to %s values, so it is not shown; the rule's failure says only that it does not hold", hidden.what),
				Location: loc(v.errorMessage.Range()),
			})
			return generic
		}
	}
	msg, _ = msg.UnmarkDeep()
	if !msg.IsKnown() || msg.IsNull() || msg.Type() != cty.String {
		return generic
	}
	return msg.AsString()
}

// failure reports an error of the configuration found while evaluating
// this instance. In an instance that stands for an unknown number of
// instances terraform would check it only once the instances are known,
// so it is a note there.
func (mi *moduleInstance) failure(at graph.Location, summary, detail string) {
	if mi.representative {
		mi.ev.addDiag(graph.Diagnostic{Severity: graph.SeverityNote, Summary: summary, Detail: representativeFailure + detail, Location: at})
		return
	}
	mi.ev.errorAt(at, summary, detail)
}

// nullRequired is the value of a variable that is given null although it
// has no default and is not nullable: terraform's "Required variable not
// set", at the null.
func (mi *moduleInstance) nullRequired(vc *variableConfig, sh *graph.Value) (cty.Value, *graph.Value) {
	at := loc(vc.declRange)
	if sh != nil && sh.Loc.File != "" {
		at = sh.Loc
	}
	mi.failure(at, "Required variable not set",
		fmt.Sprintf("variable %s may not be null: it is declared with nullable = false and has no default", vc.name))
	return cty.UnknownVal(vc.typ), graph.Unknown("variable "+vc.name+" is null but may not be", at)
}

// checkSensitiveOutput refuses a root module output whose value holds a
// sensitive value without saying sensitive = true, as terraform does, so
// a secret is not shown by accident. Child module outputs pass sensitive
// values on freely.
func (mi *moduleInstance) checkSensitiveOutput(o *outputConfig, v cty.Value) {
	if mi.parent != nil || o.sensitive || !v.HasMarkDeep(sensitiveMark) {
		return
	}
	mi.failure(loc(o.declRange), "Output refers to sensitive values",
		fmt.Sprintf("output %s holds a sensitive value; declare it with sensitive = true to output it, or use nonsensitive() on the part that is safe to show", o.name))
}
