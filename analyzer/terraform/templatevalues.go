package terraform

import (
	"maps"
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// addTemplateValues records what the module instance holds outside its
// resources: its variables' values (tfvars, -var, the caller's argument or
// the default) and their defaults as written, its locals, outputs and the
// arguments of its provider blocks. A rule that reads every string of a
// configuration (a hardcoded access key in a provider block) finds them in
// the unit's Values. Values are memoized, so what evaluateAll computed is
// not evaluated again.
func (mi *moduleInstance) addTemplateValues() {
	module := strings.TrimSuffix(mi.prefix(), ".")
	add := func(holder string, v *graph.Value) {
		if v != nil {
			mi.ev.unit.Values = append(mi.ev.unit.Values, graph.TemplateValue{Holder: holder, Module: module, Value: v})
		}
	}
	for _, name := range mi.cfg.sortedNames().variables {
		if mi.ev.cancelled() {
			return
		}
		_, sh, note := mi.variable(name)
		add("variable."+name, sh)
		// A default that another value overrides is still written in
		// the configuration.
		if vc := mi.cfg.variables[name]; vc.def != nil && note != "default of variable "+name {
			_, def := (&scope{ev: mi.ev}).eval(vc.def)
			add("variable."+name+".default", def)
		}
	}
	for _, name := range mi.cfg.sortedNames().locals {
		_, sh := mi.local(name)
		add("local."+name, sh)
	}
	for _, name := range mi.cfg.sortedNames().outputs {
		_, sh := mi.output(name)
		add("output."+name, sh)
	}
	for _, p := range mi.cfg.providers {
		for _, name := range slices.Sorted(maps.Keys(p.attrs)) {
			a := p.attrs[name]
			_, sh := mi.ev.once(mi.prefix()+"provider."+p.addr()+"."+name, a.Range, true, func() (cty.Value, *graph.Value) {
				defer mi.ev.within(mi)()
				return mi.scope().eval(a.Expr)
			})
			add("provider."+p.addr()+"."+name, sh)
		}
	}
}
