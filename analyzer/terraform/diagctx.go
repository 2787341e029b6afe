package terraform

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// within makes mi the instance whose evaluation is under way until the
// returned function restores the previous one. A nil mi (a literal scope:
// tfvars, variable defaults) leaves the current instance in force.
func (ev *evaluator) within(mi *moduleInstance) func() {
	prev := ev.cur
	if mi != nil {
		ev.cur = mi
	}
	return func() { ev.cur = prev }
}

// diagInstance is the module instance a diagnostic at l belongs to: the
// instance being evaluated, or the nearest of its callers whose module
// holds the file (an argument of a module call is written in the caller).
// It is nil in the root module and for places in no module of the chain
// (a tfvars file, a module's own parse errors before any instance exists).
func (ev *evaluator) diagInstance(l graph.Location) *moduleInstance {
	if l.File == "" {
		return nil
	}
	dir := filepath.Dir(filepath.Clean(l.File))
	for mi := ev.cur; mi != nil; mi = mi.parent {
		if filepath.Clean(mi.cfg.dir) == dir {
			if mi.parent == nil {
				return nil
			}
			return mi
		}
	}
	return nil
}

// staticPath is the module path without instance keys: the same error in
// every instance of one module call is reported once, for the first.
func staticPath(mi *moduleInstance) string {
	if mi == nil {
		return ""
	}
	return mi.path
}

// inModule adds the module instance and its call sites to a diagnostic
// found inside a child module, so the message says which use of a shared
// module is broken:
// "modules/child/main.tf:6: ... (in module.broken, called at main.tf:6)".
func inModule(d graph.Diagnostic, mi *moduleInstance) graph.Diagnostic {
	if mi == nil {
		return d
	}
	var calls []graph.Location
	for c := mi; c.parent != nil; c = c.parent {
		calls = append(calls, loc(c.call.declRange))
	}
	slices.Reverse(calls) // outermost call first
	sites := make([]string, len(calls))
	for i, c := range calls {
		sites[i] = fmt.Sprintf("%s:%d", c.File, c.StartLine)
	}
	d.Module = mi.addr
	d.CalledAt = calls
	ctx := fmt.Sprintf("in %s, called at %s", mi.addr, strings.Join(sites, ", then "))
	if d.Detail == "" {
		d.Detail = ctx
	} else {
		d.Detail += " (" + ctx + ")"
	}
	return d
}
