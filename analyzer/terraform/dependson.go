package terraform

import (
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
)

// checkDependsOn checks the depends_on lists of the module's resources,
// outputs and module calls as terraform does before planning: each entry
// names a declared resource, data source or module call, as a whole
// object (an attribute is not). An instance key is allowed, whether or not
// that instance exists, on a resource with count or for_each, and refused
// on one without. Variables and locals are allowed and not checked.
func (m *moduleConfig) checkDependsOn() {
	var lists [][]hcl.Traversal
	for _, r := range m.resources {
		lists = append(lists, r.dependsOn)
	}
	for _, name := range slices.Sorted(maps.Keys(m.outputs)) {
		lists = append(lists, m.outputs[name].dependsOn)
	}
	for _, c := range m.calls {
		lists = append(lists, c.dependsOn)
	}
	for _, list := range lists {
		for _, t := range list {
			if d := m.dependsOnProblem(t); d != nil {
				m.diags = append(m.diags, d)
			}
		}
	}
}

// dependsOnProblem is the error for one depends_on entry, nil when it is
// fine or names something this check leaves alone.
func (m *moduleConfig) dependsOnProblem(t hcl.Traversal) *hcl.Diagnostic {
	rng := t.SourceRange().Ptr()
	undeclared := func(what, addr string) *hcl.Diagnostic {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Reference to undeclared " + what,
			Detail: fmt.Sprintf("depends_on names %s, which is not declared in %s", addr, m.dir), Subject: rng}
	}
	var rest hcl.Traversal
	var rc *resourceConfig
	switch root := t.RootName(); root {
	case "var", "local", "count", "each", "path", "terraform", "self":
		return nil
	case "module":
		name, ok := attrStep(t, 1)
		if !ok {
			return nil
		}
		if m.callByName[name] == nil {
			return undeclared("module", "module."+name)
		}
		return nil
	case "data":
		typ, ok1 := attrStep(t, 1)
		name, ok2 := attrStep(t, 2)
		if !ok1 || !ok2 {
			return nil
		}
		if rc = m.byAddr["data."+typ+"."+name]; rc == nil {
			return undeclared("resource", "data."+typ+"."+name)
		}
		rest = t[3:]
	default:
		name, ok := attrStep(t, 1)
		if !ok {
			return nil
		}
		if rc = m.byAddr[root+"."+name]; rc == nil {
			return undeclared("resource", root+"."+name)
		}
		rest = t[2:]
	}
	if len(rest) > 0 && isIndexStep(rest[0]) {
		if rc.count == nil && rc.forEach == nil {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unexpected resource instance key",
				Detail: fmt.Sprintf("%s has neither count nor for_each, so depends_on names it without an instance key", rc.addr()), Subject: rng}
		}
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid depends_on reference",
			Detail: "depends_on names whole objects (a resource, data source or module call), not an attribute of one", Subject: rng}
	}
	return nil
}
