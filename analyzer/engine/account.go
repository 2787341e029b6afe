package engine

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Account-scope rules (METADATA custom.scope: account) reason over the
// whole scan as one AWS account's baseline: "no multi-region trail exists",
// "this VPC has no flow log anywhere". They are never run by Evaluate, which
// sees one unit (a template, a root module, a plan) at a time; the scan
// keeps a small summary of every unit instead (the resources of the kinds
// account rules list, the native parts of those kinds that no resource of
// their unit holds, and each unit's main file) and calls EvaluateAccount
// once with it. So account verdicts do not depend on how the scan is split
// into units, and the scan never holds every unit's graph at once for them.

// ScopeAccount is the METADATA custom.scope of an account-scope rule.
const ScopeAccount = "account"

// accountResource is the ID an account finding's resource carries: it is
// about the account, not one resource.
const accountResource = "account"

// Account is what account-scope rules are evaluated over.
type Account struct {
	// Units are the scan's units in path order; the first one's main
	// file is where a finding about something the scan lacks points.
	Units []AccountUnit
	// Resources are the canonical resources of AccountScope.Kinds, of
	// every unit.
	Resources []*graph.Canonical
	// Detached are native resources of AccountScope.PartTypes that no
	// canonical resource of their unit holds: a flow log of a VPC another
	// unit declares, named by an import, a variable or a literal ID.
	Detached []Detached
	// MayNotExist holds, by UID, the resources of Resources that may not
	// be created (a count, for_each or Condition not known before
	// deployment), each with an Unknown value saying why, located at what
	// decides it. Rules see their UIDs in input.account.may_not_exist.
	MayNotExist map[string]*graph.Value
}

// AccountUnit is one unit of the scan, as account rules know it.
type AccountUnit struct {
	// Path is the unit: the template or plan file, or the root module's
	// directory.
	Path string
	// File is its main file: the template or plan, or the root module's
	// main.tf (else its first .tf file).
	File   string
	Source graph.Source
}

// Detached is a native part resource that folded into no resource of its
// unit, with the kind whose owners it would have folded into.
type Detached struct {
	Unit     string // the unit's path: the prefix of its UID
	Kind     string
	Resource *graph.Resource
}

// AccountScope says what the scan must keep for the enabled account
// rules. It is empty when none is enabled.
type AccountScope struct {
	// Kinds are the canonical kinds the account rules list.
	Kinds map[string]bool
	// PartTypes maps each native type folded into one of Kinds (a part
	// in the kind registry) to that kind.
	PartTypes map[string]string
}

// Empty reports whether no account rule is enabled: the scan keeps
// nothing and EvaluateAccount has nothing to run.
func (s AccountScope) Empty() bool { return s.Kinds == nil }

// AccountScope returns what the enabled account rules read.
func (e *Engine) AccountScope() AccountScope {
	var s AccountScope
	var reg *kinds.Registry
	for _, rm := range e.enabled {
		if rm.meta.Scope != ScopeAccount {
			continue
		}
		if s.Kinds == nil {
			s = AccountScope{Kinds: map[string]bool{}, PartTypes: map[string]string{}}
			// Account rules' kinds were checked against the registry
			// when they loaded; a registry that does not load has no
			// parts to add. It is loaded only when an account rule is
			// enabled: parsing it costs a one-file scan about as much as
			// compiling its rules.
			reg, _ = kinds.Default()
		}
		for _, k := range rm.meta.Kinds {
			s.Kinds[k] = true
			if kind := kindOf(reg, k); kind != nil {
				for _, n := range kind.Native {
					if n.Role == kinds.RolePart {
						s.PartTypes[n.Type] = k
					}
				}
			}
		}
	}
	return s
}

// accountAnchor is where a finding about the account itself points, and
// the context it carries.
type accountAnchor struct {
	loc   graph.Location
	root  string
	notes []string
}

// maxUnitsNamed bounds the units an account finding's note lists.
const maxUnitsNamed = 10

func newAccountAnchor(units []AccountUnit) *accountAnchor {
	a := &accountAnchor{}
	if len(units) == 0 {
		return a
	}
	a.loc = graph.Location{File: units[0].File, StartLine: 1, EndLine: 1}
	a.root = units[0].Path
	names := make([]string, 0, min(len(units), maxUnitsNamed))
	for _, u := range units[:min(len(units), maxUnitsNamed)] {
		names = append(names, fmt.Sprintf("%s (%s)", u.Path, u.Source))
	}
	note := fmt.Sprintf("the scan was judged as one account over %d unit(s): %s", len(units), strings.Join(names, ", "))
	if len(units) > maxUnitsNamed {
		note += fmt.Sprintf(" and %d more", len(units)-maxUnitsNamed)
	}
	a.notes = []string{note}
	return a
}

// EvaluateAccount runs every enabled account-scope rule once over acct.
// Rules run even when acct has no resource of their kinds: "nothing
// exists" is what they are about. Errors are as Evaluate's.
func (e *Engine) EvaluateAccount(ctx context.Context, acct Account) (out *Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	empty := &Output{Findings: []result.Finding{}, Undecided: []result.Undecided{}, Passed: []result.Check{}}
	if len(acct.Units) == 0 {
		return empty, nil
	}
	rules, err := e.rulesFor(ctx, func(rm *ruleModule) bool { return rm.meta.Scope == ScopeAccount })
	if err != nil || len(rules) == 0 {
		return empty, err
	}
	input, err := buildInput(ctx, acct.Resources, e.config)
	if err != nil {
		return nil, err
	}
	detached, err := detachedResources(acct.Detached)
	if err != nil {
		return nil, err
	}
	obj := input.(ast.Object)
	units := make([]*ast.Term, len(acct.Units))
	for i, u := range acct.Units {
		units[i] = ast.ObjectTerm(
			ast.Item(ast.StringTerm("path"), ast.StringTerm(u.Path)),
			ast.Item(ast.StringTerm("file"), ast.StringTerm(u.File)),
			ast.Item(ast.StringTerm("source"), ast.StringTerm(string(u.Source))),
		)
	}
	detachedTerms := make([]*ast.Term, len(detached))
	byUID := obj.Get(ast.StringTerm("resources")).Value.(ast.Object)
	for i, d := range detached {
		detachedTerms[i] = ast.NewTerm(resourceObject(d.UID, d.Native, ast.StringTerm(d.Kind), ast.ObjectTerm(), nil))
		byUID.Insert(ast.StringTerm(d.UID), detachedTerms[i])
	}
	maybeAbsent := make([]string, 0, len(acct.MayNotExist))
	for uid := range acct.MayNotExist {
		maybeAbsent = append(maybeAbsent, uid)
	}
	slices.Sort(maybeAbsent)
	maybeTerms := make([]*ast.Term, len(maybeAbsent))
	for i, uid := range maybeAbsent {
		maybeTerms[i] = ast.StringTerm(uid)
	}
	obj.Insert(ast.StringTerm("account"), ast.ObjectTerm(
		ast.Item(ast.StringTerm("units"), ast.ArrayTerm(units...)),
		ast.Item(ast.StringTerm("detached"), ast.ArrayTerm(detachedTerms...)),
		ast.Item(ast.StringTerm("may_not_exist"), ast.ArrayTerm(maybeTerms...)),
	))
	s := &scan{
		resources: acct.Resources,
		input:     obj,
		byUID:     make(map[string]*graph.Canonical, len(acct.Resources)+len(detached)),
		byKind:    map[string][]*graph.Canonical{},
		notes:     map[noteKey][]string{},
		account:   newAccountAnchor(acct.Units),
		absent:    acct.MayNotExist,
	}
	for _, c := range acct.Resources {
		s.byUID[c.UID] = c
		s.byKind[c.Kind] = append(s.byKind[c.Kind], c)
	}
	for _, d := range detached {
		s.byUID[d.UID] = d
	}
	return e.evaluateRules(ctx, s, rules)
}

// detachedResources wraps detached native resources as canonical ones
// whose properties are their native attributes, so a rule's undecided
// entry can blame an Unknown value in them (lib.undecided_because).
func detachedResources(ds []Detached) ([]*graph.Canonical, error) {
	out := make([]*graph.Canonical, 0, len(ds))
	seen := map[string]bool{}
	for _, d := range ds {
		if d.Resource == nil {
			return nil, fmt.Errorf("detached resource of kind %s has no native resource", d.Kind)
		}
		uid := d.Unit + "#" + d.Resource.ID
		if seen[uid] {
			continue
		}
		seen[uid] = true
		out = append(out, &graph.Canonical{ID: d.Resource.ID, UID: uid, Kind: d.Kind, Native: d.Resource, Props: d.Resource.Attrs})
	}
	return out, nil
}

// accountFinding is the finding of an account rule about something the
// scan lacks altogether (lib.account_finding): it points at the first
// unit's main file and names the units that were considered.
func (r *preparedRule) accountFinding(raw rawResult, a *accountAnchor) result.Finding {
	return result.Finding{
		RuleID:      r.meta.ID,
		RuleName:    r.meta.Name,
		Severity:    r.meta.Severity,
		Title:       r.meta.Title,
		Message:     raw.message,
		Resource:    result.ResourceRef{ID: accountResource},
		Location:    a.loc.Normalized(),
		Remediation: r.meta.Remediation,
		Fingerprint: fingerprint(r.meta.ID, a.loc.File, accountResource, ""),
		Notes:       append([]string(nil), a.notes...),
		Instances:   []result.Instance{{Root: a.root, Resource: accountResource}},
	}
}

func kindOf(reg *kinds.Registry, name string) *kinds.Kind {
	if reg == nil {
		return nil
	}
	return reg.Kind(name)
}

// Merge adds more's results to o, in the order Evaluate sorts them: the
// scan merges the account rules' Output into the units'.
func (o *Output) Merge(more *Output) {
	o.Findings = append(o.Findings, more.Findings...)
	o.Undecided = append(o.Undecided, more.Undecided...)
	o.Passed = append(o.Passed, more.Passed...)
	sortOutput(o)
}

// mayNotExist is the Unknown that says why c may not be created, for an
// undecided entry about c itself (an empty path) in an account rule; nil
// otherwise.
func (s *scan) mayNotExist(c *graph.Canonical, path graph.Path) *graph.Value {
	if len(path) > 0 || s.absent == nil {
		return nil
	}
	return s.absent[c.UID]
}
