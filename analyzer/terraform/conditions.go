package terraform

import (
	"fmt"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// checkResourceConditions checks the lifecycle preconditions and
// postconditions of one resource instance as terraform plan does: a
// condition known to be false fails the plan at the condition, with its
// error_message; one that is not known before apply (it reads a computed
// attribute, through self or otherwise) passes. A postcondition's self is
// the instance as planned: its configured arguments, Unknown where the
// provider computes the value.
func (mi *moduleInstance) checkResourceConditions(rc *resourceConfig, inst *resInstance) {
	s := mi.instanceScope(inst)
	for _, p := range rc.preconditions {
		mi.checkResourceCondition(s, inst, p, "Resource precondition failed", "precondition")
	}
	if len(rc.postconditions) == 0 {
		return
	}
	post := *s
	post.self = &selfRef{rc: rc, inst: inst}
	for _, p := range rc.postconditions {
		mi.checkResourceCondition(&post, inst, p, "Resource postcondition failed", "postcondition")
	}
}

func (mi *moduleInstance) checkResourceCondition(s *scope, inst *resInstance, v validation, summary, what string) {
	generic := fmt.Sprintf("the %s of %s does not hold", what, inst.addr)
	failed, msg := mi.rule(s, v, generic)
	if !failed {
		return
	}
	at := loc(v.condition.Range())
	if inst.key.kind == keyUnknown {
		// The instance stands for instances not known before apply:
		// terraform would check each of them then.
		mi.ev.addDiag(graph.Diagnostic{Severity: graph.SeverityNote, Summary: summary, Detail: representativeFailure + msg, Location: at})
		return
	}
	mi.failure(at, summary, msg)
}

// selfObject is self in a postcondition: the instance's attributes that
// the expression reads (all of a schema's), as other resources see them.
func (mi *moduleInstance) selfObject(sr *selfRef, attrs map[string]bool) cty.Value {
	names, _ := mi.instanceNames(sr.rc, attrs, false)
	m := make(map[string]cty.Value, len(names))
	for _, a := range names {
		m[a] = mi.attrValue(sr.rc, sr.inst, a)
	}
	return cty.ObjectVal(m)
}

// checkAssertions checks the assertions of a check block. A failing one
// is a warning, as in terraform: check blocks never stop a plan. One not
// known before apply is silent; terraform warns that it will be known
// after apply, which rampart, without providers, would say of most.
func (mi *moduleInstance) checkAssertions(c *checkConfig) {
	s := mi.scope()
	s.check = c
	for _, a := range c.asserts {
		generic := fmt.Sprintf("an assertion of check %s does not hold", c.name)
		failed, msg := mi.rule(s, a, generic)
		if !failed {
			continue
		}
		mi.ev.addDiag(graph.Diagnostic{
			Severity: graph.SeverityWarning,
			Summary:  "Check block assertion failed",
			Detail:   msg,
			Location: loc(a.condition.Range()),
		})
	}
}

// checkEphemeralOutput refuses what terraform refuses of outputs and
// ephemeral values: a root module output declared ephemeral, and an
// output not declared ephemeral whose value is derived from one.
func (mi *moduleInstance) checkEphemeralOutput(o *outputConfig, v cty.Value) {
	switch {
	case o.ephemeral && mi.parent == nil:
		mi.failure(loc(o.declRange), "Ephemeral output not allowed",
			fmt.Sprintf("output %s is declared ephemeral, which only outputs of child modules may be", o.name))
	case !o.ephemeral && o.expr != nil && mi.ev.ephemeralIn(v):
		mi.failure(loc(o.expr.Range()), "Ephemeral value not allowed",
			fmt.Sprintf("output %s is not declared ephemeral, so its value may not be derived from an ephemeral value", o.name))
	}
}

// checkEphemeralArgument refuses an ephemeral value in a resource
// argument, which terraform would have to keep in the state. Only
// write-only arguments take one; rampart has no provider schema to say
// which they are, and takes the providers' naming of them, a _wo suffix
// (password_wo), as the sign.
func (mi *moduleInstance) checkEphemeralArgument(name string, at graph.Location, v cty.Value) {
	if strings.HasSuffix(name, "_wo") || v == cty.NilVal || !mi.ev.ephemeralIn(v) {
		return
	}
	mi.failure(at, "Invalid use of ephemeral value",
		fmt.Sprintf("ephemeral values are not valid for %q, which is not a write-only argument and must be kept in the state", name))
}
