// Package engine evaluates rampart's Rego policies against the canonical
// resource graph. Policies (the embedded ones and --policy-dir ones) are
// parsed once and rules are selected from their METADATA before anything
// is compiled; a built-in rule is compiled, with the libraries, the first
// time an evaluation has a resource of one of its kinds, and every rule
// gets its own prepared query, so a rule that fails at evaluation cannot
// silence the others. The input is converted to an OPA value once per
// Evaluate and shared by all rules, which run on a worker pool.
//
// A rule's deny set holds {"uid", "path", "message"} objects (built with
// data.rampart.lib.finding). The engine walks the canonical value at path
// to find the exact source line and the provenance trace; a value that is
// Unknown there turns the result into an Undecided, never a finding. A
// resource of the rule's kinds without a finding is undecided when an
// Unknown value could change the answer: the rule says which in an optional
// undecided set (same shape as deny, evaluated in the same query), or else
// the engine looks for an Unknown on the property paths the rule's
// METADATA lists in custom.reads. Every other resource of the rule's kinds
// is a passed check.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/policies"
)

// Options configure which policies load and which rules run.
type Options struct {
	PolicyDirs []string       // extra user policy directories (.rego files, recursively)
	Profiles   []string       // enabled opt-in profiles (rules whose METADATA custom.profile is set run only when named)
	Rules      []string       // run only these (IDs or names); empty = all default rules
	SkipRules  []string       // never these (IDs or names)
	Config     map[string]any // user rule parameters → input.config
	Workers    int            // 0 = GOMAXPROCS

	// registry replaces the kind registry rules' METADATA is checked
	// against (nil: kinds.Default); tests use it for synthetic kinds.
	registry *kinds.Registry
}

// Engine holds the selected rules and prepares each one the first time an
// evaluation has a resource of one of its kinds (prepare.go). It is safe
// for concurrent use: Evaluate shares nothing mutable between calls but
// the set of prepared rules, which is guarded.
type Engine struct {
	all     []*ruleModule
	enabled []*ruleModule // selected, sorted by ID
	catalog catalog
	config  map[string]any
	workers int
	// beforeRule, when set, runs on the worker before each rule is
	// evaluated; tests use it to inject a panic.
	beforeRule func(ruleID string, resources []*graph.Canonical)

	// readsByType is set when a user policy reads input.by_type.
	readsByType bool

	mu       sync.Mutex
	prepared map[*ruleModule]*preparedRule
}

// New loads the embedded policies plus opts.PolicyDirs, selects the rules
// from their METADATA and compiles the user policies. Built-in rules are
// compiled when a scan first needs them. Built-ins that reach outside the
// process are removed for every policy, so a policy calling http.send
// fails to compile. An unknown rule in Rules or SkipRules is an error, and
// so is a Config parameter no policy declares or a value of the wrong type
// (a *ParameterError).
func New(ctx context.Context, opts Options) (*Engine, error) {
	return newEngine(ctx, policies.FS, opts)
}

// newEngine is New over any embedded policy tree; tests use it to load a
// trimmed or extended set.
func newEngine(ctx context.Context, builtinFS fs.FS, opts Options) (*Engine, error) {
	builtinSrcs, err := readFS(builtinFS, false)
	if err != nil {
		return nil, err
	}
	userSrcs, err := readDirs(opts.PolicyDirs, false)
	if err != nil {
		return nil, err
	}
	mods, unparsed, err := parseIndexed(builtinSrcs, userSrcs)
	if err != nil {
		return nil, err
	}
	builtin := make(map[string]bool, len(builtinSrcs))
	for _, s := range builtinSrcs {
		builtin[s.name] = true
	}
	// Built-in rules read from the index were checked against the
	// registry when it was generated (TestIndexedStubsReadLikeModules):
	// the kinds are checked only for rules the index does not hold.
	var ks *kindSet
	if opts.registry != nil || len(userSrcs) > 0 || len(unparsed) == 0 {
		ks = kindsOf(opts.registry)
		ks.userOnly = opts.registry == nil && len(unparsed) > 0
	}
	rules, err := collectRules(mods, builtin, ks)
	if err != nil {
		return nil, err
	}
	setSizes(rules, builtinSrcs, userSrcs)
	decls, err := declaredParameters(mods, rules)
	if err != nil {
		return nil, err
	}
	if err := checkRuleConfig(decls, opts.Config); err != nil {
		return nil, err
	}
	selected, err := selectRules(rules, opts)
	if err != nil {
		return nil, err
	}
	e := &Engine{
		all: rules, enabled: selected, config: opts.Config, workers: opts.Workers,
		catalog:  catalog{libs: map[string]*ast.Module{}, rules: map[*ruleModule]*ast.Module{}, user: map[*ruleModule]*ast.Compiler{}, unparsed: unparsed},
		prepared: map[*ruleModule]*preparedRule{},
	}
	for _, s := range userSrcs {
		if m := mods[s.name]; m != nil && readsByType(m) {
			e.readsByType = true
		}
	}
	if e.workers <= 0 {
		e.workers = runtime.GOMAXPROCS(0)
	}
	byFile := make(map[string]*ruleModule, len(rules))
	for _, rm := range rules {
		byFile[rm.file] = rm
	}
	for name, m := range mods {
		if byFile[name] == nil {
			e.catalog.libs[name] = m
		}
	}
	for _, rm := range selected {
		e.catalog.rules[rm] = mods[rm.file]
	}
	e.catalog.indexPackages()
	if err := e.compileUserPolicies(userSrcs, mods, byFile); err != nil {
		return nil, err
	}
	return e, nil
}

// setSizes records the length of each rule's source.
func setSizes(rules []*ruleModule, srcs ...[]source) {
	size := map[string]int{}
	for _, ss := range srcs {
		for _, s := range ss {
			size[s.name] = len(s.text)
		}
	}
	for _, rm := range rules {
		rm.size = size[rm.file]
	}
}

// compileUserPolicies compiles every user policy file, selected or not,
// with what it reads, type-checked against the input schema (compileUser):
// a policy directory that does not compile is an error before any
// template is read. A selected user rule keeps its compiler and gets its
// query when a scan first has a resource of one of its kinds. Policies
// that do not refer to one another compile in separate groups, one per
// worker, so a large policy directory costs a one-file scan the largest
// group's compile, not the sum (BenchmarkCustomPolicies).
func (e *Engine) compileUserPolicies(userSrcs []source, mods map[string]*ast.Module, byFile map[string]*ruleModule) error {
	userMods := make(map[string]*ast.Module, len(userSrcs))
	for _, s := range userSrcs {
		if m := mods[s.name]; m != nil {
			userMods[s.name] = m
		}
	}
	if len(userMods) == 0 {
		return nil
	}
	groups := userGroups(userMods, e.workers)
	compilers := make([]*ast.Compiler, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		wg.Go(func() { compilers[i], errs[i] = e.catalog.compileUserGroup(g) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for i, g := range groups {
		for name := range g {
			if rm := byFile[name]; rm != nil && e.catalog.rules[rm] != nil {
				e.catalog.user[rm] = compilers[i]
			}
		}
	}
	return nil
}

// compileUserGroup compiles one group of user modules with what they read;
// a panic is an InternalError, since it happens on its own goroutine.
func (c *catalog) compileUserGroup(group map[string]*ast.Module) (_ *ast.Compiler, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	compileSet, err := c.withDependencies(group)
	if err != nil {
		return nil, err
	}
	return compileUser(compileSet)
}

// compile compiles built-in modules once with the sandboxed capabilities
// for a scan. It skips OPA's stages that only check (types, undefined
// functions, recursion, conflicts, capabilities...) and change nothing
// the evaluation reads: the embedded policies cannot change after the
// build, and TestBuiltinPoliciesTypeCheck compiles them with every stage
// and the input schema. That is about a third of their compile, the
// largest part of a one-file scan (BenchmarkCompileSchema). Compile
// errors carry file:line (ast.Errors).
func compile(mods map[string]*ast.Module) (*ast.Compiler, error) {
	c := newCompiler().WithSkipStages(checkOnlyStages...)
	c.Compile(mods)
	if c.Failed() {
		return nil, fmt.Errorf("compile policies: %w", explainASTErrors(c.Errors))
	}
	return c, nil
}

// checkOnlyStages are the compiler stages that report problems and leave
// the modules and the compiler's rule tree, graph and indices as they are.
// (The safety check is not one: it reorders rule bodies.)
var checkOnlyStages = []ast.StageID{
	ast.StageCheckUnusedImports, ast.StageCheckKeywordOverrides, ast.StageCheckDuplicateImports,
	ast.StageCheckVoidCalls, ast.StageCheckRuleConflicts, ast.StageCheckUndefinedFuncs,
	ast.StageCheckRecursion, ast.StageCheckTypes, ast.StageCheckUnsafeBuiltins,
	ast.StageCheckDeprecatedBuiltins, ast.StageBuildRequiredCapabilities,
}

// newCompiler returns a compiler with the sandboxed capabilities; scans and
// policy tests both use it so they agree on what a policy may call.
func newCompiler() *ast.Compiler {
	return ast.NewCompiler().WithCapabilities(capabilities())
}

// selectRules applies Rules, SkipRules and Profiles. A rule named in Rules
// runs even when it belongs to a profile that is not enabled: naming it is
// the stronger statement.
func selectRules(rules []*ruleModule, opts Options) ([]*ruleModule, error) {
	lookup := func(names []string, setting string) (map[*ruleModule]bool, error) {
		out := map[*ruleModule]bool{}
		for _, n := range names {
			rm := findRule(rules, n)
			if rm == nil {
				return nil, unknownRule(rules, setting, n)
			}
			out[rm] = true
		}
		return out, nil
	}
	only, err := lookup(opts.Rules, "rules")
	if err != nil {
		return nil, err
	}
	skip, err := lookup(opts.SkipRules, "skip_rules")
	if err != nil {
		return nil, err
	}
	if err := checkProfiles(rules, opts.Profiles); err != nil {
		return nil, err
	}
	profiles := map[string]bool{}
	for _, p := range opts.Profiles {
		profiles[strings.ToLower(strings.TrimSpace(p))] = true
	}
	var out []*ruleModule
	for _, rm := range rules {
		rm.meta.Inactive = inactiveReason(rm.meta.Parameters, opts.Config)
		switch {
		case skip[rm], rm.meta.Inactive != "":
		case len(only) > 0:
			if only[rm] {
				out = append(out, rm)
			}
		case rm.meta.Profile == "" || profiles[strings.ToLower(rm.meta.Profile)]:
			out = append(out, rm)
		}
	}
	return out, nil
}

// findRule matches an ID (case-insensitive) or a name.
func findRule(rules []*ruleModule, n string) *ruleModule {
	n = strings.TrimSpace(n)
	for _, rm := range rules {
		if strings.EqualFold(rm.meta.ID, n) || strings.EqualFold(rm.meta.Name, n) {
			return rm
		}
	}
	return nil
}

// Rules returns the enabled rules, sorted by ID.
func (e *Engine) Rules() []result.Rule {
	out := make([]result.Rule, len(e.enabled))
	for i, rm := range e.enabled {
		out[i] = rm.meta
	}
	return out
}

// AllRules returns every loaded rule, enabled or not, sorted by ID.
func (e *Engine) AllRules() []result.Rule {
	out := make([]result.Rule, len(e.all))
	for i, r := range e.all {
		out[i] = r.meta
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
