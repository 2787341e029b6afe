package engine

import (
	"fmt"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// ruleModule is a policy module that defines a rule: a package with a
// METADATA block carrying custom.id and a deny set.
type ruleModule struct {
	meta  result.Rule
	pkg   ast.Ref // data.rampart.rules.sg_no_public_admin_ports
	file  string
	line  int
	reads []readPath
	// params are the entries of custom.parameters: the parameters the
	// rule reads, some declared there (resolveParameters).
	params []paramEntry
	// size is the length of the module's source: what compiling it
	// costs, roughly (compileGroups).
	size int
}

// ruleMeta finds the METADATA block that describes the module's rule: the
// package-scoped one, or one on the deny rule. It returns nil when the
// module has neither (a helper library).
func ruleMeta(m *ast.Module) *ast.Annotations {
	for _, a := range m.Annotations {
		if a.Scope == "package" || a.Scope == "subpackages" {
			if _, ok := a.Custom["id"]; ok {
				return a
			}
		}
	}
	for _, r := range m.Rules {
		if !definesDeny(r) {
			continue
		}
		for _, a := range r.Annotations {
			if _, ok := a.Custom["id"]; ok {
				return a
			}
		}
	}
	return nil
}

func definesDeny(r *ast.Rule) bool {
	ref := r.Head.Ref()
	return len(ref) > 0 && ref[0].Equal(ast.VarTerm("deny"))
}

func hasDeny(m *ast.Module) (int, bool) {
	for _, r := range m.Rules {
		if definesDeny(r) {
			return r.Location.Row, true
		}
	}
	return 0, false
}

// ruleFromModule reads a rule's metadata. Every problem names the file and
// line of the METADATA block, so a policy author can fix it.
func ruleFromModule(m *ast.Module, builtin bool, ks *kindSet) (*ruleModule, error) {
	a := ruleMeta(m)
	file := m.Package.Location.File
	if a == nil {
		if row, ok := hasDeny(m); ok {
			return nil, policyErrorf(file, row, fixMetadata, "policy defines deny but has no METADATA block with custom.id")
		}
		return nil, nil
	}
	line := m.Package.Location.Row
	if a.Location != nil {
		line = a.Location.Row
	}
	where := fmt.Sprintf("%s:%d", file, line)
	if _, ok := hasDeny(m); !ok {
		return nil, policyErrorf(file, line, "define the rule's results as `deny contains f if { ... }`, or remove custom.id from a library's METADATA", "rule METADATA but no deny rule in package %s", m.Package.Path)
	}
	r := result.Rule{Title: strings.TrimSpace(a.Title), Description: strings.TrimSpace(a.Description), Builtin: builtin}
	var err error
	str := func(key string, required bool) string {
		v, ok := a.Custom[key]
		if !ok || v == nil {
			if required && err == nil {
				err = policyErrorf(file, line, fixMetadata, "METADATA custom.%s is missing", key)
			}
			return ""
		}
		s, isStr := v.(string)
		if !isStr && err == nil {
			err = fmt.Errorf("%s: METADATA custom.%s must be a string, not %T", where, key, v)
		}
		return strings.TrimSpace(s)
	}
	list := func(key string) []string {
		v, ok := a.Custom[key]
		if !ok || v == nil {
			return nil
		}
		items, isList := v.([]any)
		if !isList {
			if err == nil {
				err = fmt.Errorf("%s: METADATA custom.%s must be a list of strings", where, key)
			}
			return nil
		}
		out := make([]string, 0, len(items))
		for _, it := range items {
			s, isStr := it.(string)
			if !isStr {
				if err == nil {
					err = fmt.Errorf("%s: METADATA custom.%s must be a list of strings, found %v", where, key, it)
				}
				continue
			}
			out = append(out, s)
		}
		return out
	}
	r.ID = str("id", true)
	r.Name = str("name", true)
	sev := str("severity", true)
	r.Remediation = str("remediation", false)
	r.Profile = str("profile", false)
	r.Scope = str("scope", false)
	r.References = list("references")
	r.Equivalents = list("equivalents")
	r.Kinds = list("kinds")
	r.Reads = list("reads")
	if err != nil {
		return nil, err
	}
	if r.Severity, err = result.ParseSeverity(sev); err != nil {
		return nil, policyErrorf(file, line, "severity is one of LOW, MEDIUM, HIGH, CRITICAL", "METADATA custom.severity: %v", err)
	}
	if r.Title == "" {
		return nil, policyErrorf(file, line, fixMetadata, "METADATA title is missing")
	}
	if r.Scope != "" && r.Scope != ScopeAccount {
		return nil, fmt.Errorf("%s: METADATA custom.scope: %q is not a scope; write %q for a rule over the whole scan, or omit it", where, r.Scope, ScopeAccount)
	}
	for _, e := range r.Equivalents {
		if tool, id, ok := strings.Cut(e, ":"); !ok || strings.TrimSpace(tool) == "" || strings.TrimSpace(id) == "" {
			return nil, fmt.Errorf("%s: METADATA custom.equivalents: %q is not <tool>:<check id>, such as checkov:CKV_AWS_24", where, e)
		}
	}
	reads := make([]readPath, 0, len(r.Reads))
	for _, s := range r.Reads {
		p, perr := parseReadPath(s)
		if perr != nil {
			return nil, fmt.Errorf("%s: METADATA custom.reads: %w", where, perr)
		}
		reads = append(reads, p)
	}
	if err := checkKindsAndReads(ks, r.Kinds, r.Reads, reads); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	params, err := readParamEntries(a.Custom["parameters"], where)
	if err != nil {
		return nil, err
	}
	return &ruleModule{meta: r, pkg: m.Package.Path, file: file, line: line, reads: reads, params: params}, nil
}

// clashFix says how to resolve two rules with one ID or name: a user rule
// that takes a built-in one's must move to its own prefix.
func clashFix(prev, rm *ruleModule) string {
	if prev.meta.Builtin || rm.meta.Builtin {
		return fixOwnID
	}
	return fixDuplicate
}

// collectRules reads the rule metadata of every module and checks that IDs
// and names are unique, and that kinds and reads are the registry's.
func collectRules(mods map[string]*ast.Module, builtin map[string]bool, ks *kindSet) ([]*ruleModule, error) {
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	// Built-in rules first: a user rule that clashes with one is the
	// one named at fault, at its own file and line.
	sort.Slice(names, func(i, j int) bool {
		if builtin[names[i]] != builtin[names[j]] {
			return builtin[names[i]]
		}
		return names[i] < names[j]
	})
	var out []*ruleModule
	byID := map[string]*ruleModule{}
	byName := map[string]*ruleModule{}
	byPkg := map[string]*ruleModule{}
	for _, n := range names {
		check := ks
		if builtin[n] && ks != nil && ks.userOnly {
			check = nil
		}
		rm, err := ruleFromModule(mods[n], builtin[n], check)
		if err != nil {
			return nil, err
		}
		if rm == nil {
			continue
		}
		id, name, pkg := strings.ToUpper(rm.meta.ID), strings.ToLower(rm.meta.Name), rm.pkg.String()
		if prev, dup := byID[id]; dup {
			return nil, policyErrorf(rm.file, rm.line, clashFix(prev, rm), "rule ID %s is already defined at %s:%d", rm.meta.ID, prev.file, prev.line)
		}
		if prev, dup := byName[name]; dup {
			return nil, policyErrorf(rm.file, rm.line, clashFix(prev, rm), "rule name %s is already used by %s at %s:%d", rm.meta.Name, prev.meta.ID, prev.file, prev.line)
		}
		if prev, dup := byPkg[pkg]; dup {
			return nil, policyErrorf(rm.file, rm.line, "give each rule a package of its own (one rule per package), such as acme.rules.<name>", "package %s already holds rule %s (%s:%d)", pkg, prev.meta.ID, prev.file, prev.line)
		}
		byID[id], byName[name], byPkg[pkg] = rm, rm, rm
		out = append(out, rm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].meta.ID < out[j].meta.ID })
	if err := resolveParameters(mods, out); err != nil {
		return nil, err
	}
	return out, nil
}
