package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// A scan compiles only the rules it can use. The engine keeps the parsed
// modules of the selected rules and compiles a built-in rule, with the
// libraries, when an evaluation first has a resource of one of its kinds:
// a one-file scan of security groups never compiles the catalog's S3 or
// IAM rules. User policies are compiled when the engine is built, so a
// broken --policy-dir still fails before any template is read.

// preparedRule is an enabled rule with its prepared query.
type preparedRule struct {
	*ruleModule
	// query yields the rule's deny set and, when the package defines one,
	// its undecided set, in one evaluation: a rule that derives both from
	// one predicate computes it once.
	query        rego.PreparedEvalQuery
	hasUndecided bool
}

// catalog is what the engine may still compile: every parsed module that
// defines no rule (libraries, built-in and user) and the selected rules'
// modules.
type catalog struct {
	libs  map[string]*ast.Module
	rules map[*ruleModule]*ast.Module
}

// rulesFor returns the enabled rules an evaluation must run (those use
// says), in ID order, preparing those not prepared yet. Preparation
// happens once per rule, under the engine's lock, so concurrent scans
// sharing an engine agree on what is compiled.
func (e *Engine) rulesFor(ctx context.Context, use func(*ruleModule) bool) ([]*preparedRule, error) {
	var wanted, missing []*ruleModule
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, rm := range e.enabled {
		if !use(rm) {
			continue
		}
		wanted = append(wanted, rm)
		if e.prepared[rm] == nil {
			missing = append(missing, rm)
		}
	}
	if len(missing) > 0 {
		if err := e.prepareRules(ctx, missing); err != nil {
			return nil, err
		}
	}
	out := make([]*preparedRule, len(wanted))
	for i, rm := range wanted {
		out[i] = e.prepared[rm]
	}
	return out, nil
}

// appliesTo reports whether rm must run on an evaluation whose resources
// have these kinds. A rule that declares no kinds may look at anything.
func appliesTo(rm *ruleModule, kinds map[string]bool) bool {
	if len(rm.meta.Kinds) == 0 {
		return true
	}
	return slices.ContainsFunc(rm.meta.Kinds, func(k string) bool { return kinds[k] })
}

// prepareRules compiles rules with the libraries and the rule modules they
// refer to, in one compiler, and prepares a query for each. The caller
// holds e.mu.
func (e *Engine) prepareRules(ctx context.Context, rules []*ruleModule) error {
	compiler, err := compile(e.catalog.modulesFor(rules))
	if err != nil {
		return err
	}
	for _, rm := range rules {
		pr, err := prepareRule(ctx, compiler, rm)
		if err != nil {
			return err
		}
		e.prepared[rm] = pr
	}
	return nil
}

// prepareRule prepares one rule's query over a compiler that holds its
// module.
func prepareRule(ctx context.Context, c *ast.Compiler, rm *ruleModule) (*preparedRule, error) {
	pr := &preparedRule{ruleModule: rm}
	pr.hasUndecided = len(c.GetRules(rm.pkg.Append(ast.StringTerm("undecided")))) > 0
	// Each set is collected into an array, so a rule whose undecided (or
	// deny) is undefined still yields the other.
	query := fmt.Sprintf("deny := [x | x := %v]", rm.pkg.Append(ast.StringTerm("deny")))
	if pr.hasUndecided {
		query += fmt.Sprintf("; undecided := [x | x := %v]", rm.pkg.Append(ast.StringTerm("undecided")))
	}
	q, err := rego.New(
		rego.Query(query),
		rego.Compiler(c),
		rego.Capabilities(c.Capabilities()),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: prepare rule %s: %w", rm.file, rm.line, rm.meta.ID, err)
	}
	pr.query = q
	return pr, nil
}

// modulesFor returns the modules to compile for rules: every library, the
// rules' own modules, and any other selected rule module they refer to
// (by import or by a data reference), transitively.
func (c *catalog) modulesFor(rules []*ruleModule) map[string]*ast.Module {
	out := make(map[string]*ast.Module, len(c.libs)+len(rules))
	for name, m := range c.libs {
		out[name] = m
	}
	queue := make([]*ast.Module, 0, len(rules))
	for _, rm := range rules {
		m := c.rules[rm]
		out[rm.file] = m
		queue = append(queue, m)
	}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, ref := range dataRefs(m) {
			for rm, other := range c.rules {
				if _, done := out[rm.file]; done || !overlaps(ref, rm.pkg) {
					continue
				}
				out[rm.file] = other
				queue = append(queue, other)
			}
		}
	}
	return out
}

// dataRefs lists the data references of a module: its imports and every
// reference in its rules that starts at data.
func dataRefs(m *ast.Module) []ast.Ref {
	var out []ast.Ref
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok && ref.HasPrefix(ast.DefaultRootRef) {
			out = append(out, ref)
		}
	}
	for _, r := range m.Rules {
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			if ref.HasPrefix(ast.DefaultRootRef) {
				out = append(out, ref)
			}
			return false
		})
	}
	return out
}

// overlaps reports whether ref reads inside pkg, or reads a document that
// contains pkg (data.rampart.rules reads every rule).
func overlaps(ref, pkg ast.Ref) bool {
	ground := ref.GroundPrefix()
	return ground.HasPrefix(pkg) || pkg.HasPrefix(ground)
}
