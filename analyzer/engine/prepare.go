package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// A scan compiles only the rules it can use. The engine keeps the parsed
// modules of the selected rules and compiles a built-in rule, with the
// libraries, when an evaluation first has a resource of one of its kinds:
// a one-file scan of security groups never compiles the catalog's S3 or
// IAM rules. User policies are compiled when the engine is built, so a
// broken --policy-dir still fails before any template is read; a user
// rule's query is prepared, on that compiler, when its kinds first appear.

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
// modules. A built-in module known from the index (index.go) is a stub
// until a compile needs it: unparsed holds it by file name. The catalog
// is not changed after the engine is built, so rules can be compiled
// concurrently.
type catalog struct {
	libs     map[string]*ast.Module
	rules    map[*ruleModule]*ast.Module
	user     map[*ruleModule]*ast.Compiler // the selected rules of --policy-dir, compiled
	unparsed map[string]*lazyModule
	packages *packageIndex[dependency] // of libs and rules (indexPackages)
}

// lazyModule is an embedded module parsed the first time it is needed.
// What the engine reads of its comments, the METADATA blocks, comes from
// the index, so its whole-line comments are blanked before it is parsed
// (blankComments): two thirds of the catalog's text is comments, and
// OPA's parser keeps every one and reads every METADATA block as YAML.
type lazyModule struct {
	name, text string
	once       sync.Once
	m          *ast.Module
	err        error
}

func (l *lazyModule) get() (*ast.Module, error) {
	l.once.Do(func() {
		mods, err := parse([]source{{name: l.name, text: blankComments(l.text), builtin: true}})
		switch {
		case err != nil:
			l.err = err
		case mods[l.name] == nil:
			l.err = fmt.Errorf("%s: the embedded policy index lists a module that is empty", l.name)
		default:
			l.m = mods[l.name]
		}
	})
	return l.m, l.err
}

// blankComments returns text with every line that holds only a comment
// left empty, so that what remains keeps its rows and columns. A line
// inside a raw string is kept whatever it starts with.
func blankComments(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	inRaw := false
	for line := range strings.Lines(text) {
		if !inRaw && strings.HasPrefix(strings.TrimLeft(line, " \t"), "#") {
			if strings.HasSuffix(line, "\n") {
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteString(line)
		inRaw = rawStringOpenAfter(line, inRaw)
	}
	return b.String()
}

// rawStringOpenAfter reports whether a raw string is still open at the
// end of line, given whether one was open at its start: Rego's quoted
// strings end on their line and its comments run to the end of it, so
// only a raw string spans lines.
func rawStringOpenAfter(line string, inRaw bool) bool {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case inRaw:
			inRaw = c != '`'
		case c == '`':
			inRaw = true
		case c == '#':
			return false
		case c == '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		}
	}
	return inRaw
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
// refer to, and prepares a query for each. The caller holds e.mu. Rules
// are compiled in groups of neighbours (compileGroups), one compiler per
// worker: a one-file scan waits for the largest group, not for all. A user
// rule was compiled when the engine was built: only its query is
// prepared.
func (e *Engine) prepareRules(ctx context.Context, rules []*ruleModule) error {
	var builtin []*ruleModule
	for _, rm := range rules {
		c := e.catalog.user[rm]
		if c == nil {
			builtin = append(builtin, rm)
			continue
		}
		pr, err := prepareRule(ctx, c, rm)
		if err != nil {
			return err
		}
		e.prepared[rm] = pr
	}
	groups := compileGroups(builtin, e.workers)
	prepared := make([][]*preparedRule, len(groups))
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	for i, g := range groups {
		if len(g) == 0 {
			continue
		}
		wg.Go(func() {
			prepared[i], errs[i] = e.catalog.prepareRecovering(ctx, g)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, prs := range prepared {
		for _, pr := range prs {
			e.prepared[pr.ruleModule] = pr
		}
	}
	return nil
}

// minGroup is the fewest rules worth a compiler of their own: each
// compiler compiles the libraries its rules read again.
const minGroup = 4

// compileGroups splits rules into at most workers groups that cost about
// the same to compile, by the length of their sources, rules of one kind
// together, since they read the same libraries: the rules sorted by kind
// are cut where the running total passes each group's share. Cutting by
// count left a template's security-group rules, three of them three
// times the size of the others, in a group that finished 8 to 18 ms
// after the other.
func compileGroups(rules []*ruleModule, workers int) [][]*ruleModule {
	n := min(workers, len(rules)/minGroup)
	if n <= 1 {
		return [][]*ruleModule{rules}
	}
	sorted := slices.Clone(rules)
	slices.SortStableFunc(sorted, func(a, b *ruleModule) int {
		return strings.Compare(firstKind(a), firstKind(b))
	})
	total := 0
	for _, rm := range sorted {
		total += weight(rm)
	}
	groups := make([][]*ruleModule, 0, n)
	start, sum := 0, 0
	for i, rm := range sorted {
		w := weight(rm)
		// Close the group before this rule when that lands nearer its
		// share than taking the rule would, leaving a rule for each group
		// still to come.
		share := total * (len(groups) + 1) / n
		left := len(sorted) - i
		if len(groups) < n-1 && i > start && (sum+w/2 > share || left < n-len(groups)) {
			groups = append(groups, sorted[start:i])
			start = i
		}
		sum += w
	}
	return append(groups, sorted[start:])
}

// weight is what a rule costs compileGroups: its source's length, or a
// typical rule's when that is not known.
func weight(rm *ruleModule) int {
	const typical = 3000
	if rm.size <= 0 {
		return typical
	}
	return rm.size
}

func firstKind(rm *ruleModule) string {
	if len(rm.meta.Kinds) == 0 {
		return ""
	}
	return rm.meta.Kinds[0]
}

// prepareRecovering compiles and prepares one group of rules; a panic is
// an InternalError, as in Evaluate, since it happens on its own goroutine.
func (c *catalog) prepareRecovering(ctx context.Context, rules []*ruleModule) (out []*preparedRule, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	mods, err := c.modulesFor(rules)
	if err != nil {
		return nil, err
	}
	compiler, err := compile(mods)
	if err != nil {
		// Leaving out the libraries the rules do not name is only a
		// saving: a module that reaches one another way (an imported
		// package used whole) compiles with all of them.
		if compiler, err = c.compileWithAllLibs(mods); err != nil {
			return nil, err
		}
	}
	out = make([]*preparedRule, 0, len(rules))
	for _, rm := range rules {
		pr, err := prepareRule(ctx, compiler, rm)
		if err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, nil
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

// modulesFor returns the modules to compile for rules: the rules' own
// modules, any other selected rule module they refer to (by import or by
// a data reference), and the libraries they refer to, transitively. A
// library no rule reads is not compiled: the IAM helpers cost a scan of
// security groups nothing.
func (c *catalog) modulesFor(rules []*ruleModule) (map[string]*ast.Module, error) {
	out := make(map[string]*ast.Module, len(c.libs)+len(rules))
	queue := make([]*ast.Module, 0, len(rules))
	for _, rm := range rules {
		m, err := c.ruleModule(rm)
		if err != nil {
			return nil, err
		}
		out[rm.file] = m
		queue = append(queue, m)
	}
	if err := c.addDependencies(out, queue); err != nil {
		return nil, err
	}
	return out, nil
}

// addDependencies adds to out every library and selected rule module the
// modules in queue read (by import or by a data reference), transitively.
func (c *catalog) addDependencies(out map[string]*ast.Module, queue []*ast.Module) error {
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, ref := range dataRefs(m) {
			for _, d := range c.packages.reading(ref) {
				name := d.lib
				if d.rule != nil {
					name = d.rule.file
				}
				if _, done := out[name]; done {
					continue
				}
				var dep *ast.Module
				var err error
				if d.rule != nil {
					dep, err = c.ruleModule(d.rule)
				} else {
					dep, err = c.library(name)
				}
				if err != nil {
					return err
				}
				out[name] = dep
				queue = append(queue, dep)
			}
		}
	}
	return nil
}

// dependency is a module a rule may read: a library by file name, or a
// selected rule.
type dependency struct {
	lib  string
	rule *ruleModule
}

// indexPackages records the package of every library and selected rule,
// once the catalog is complete.
func (c *catalog) indexPackages() {
	c.packages = newPackageIndex[dependency]()
	for _, name := range slices.Sorted(maps.Keys(c.libs)) {
		c.packages.add(c.libs[name].Package.Path, dependency{lib: name})
	}
	for rm := range c.rules {
		c.packages.add(rm.pkg, dependency{rule: rm})
	}
}

// compileWithAllLibs compiles mods and every library.
func (c *catalog) compileWithAllLibs(mods map[string]*ast.Module) (*ast.Compiler, error) {
	libs, err := c.allLibs()
	if err != nil {
		return nil, err
	}
	maps.Copy(libs, mods)
	return compile(libs)
}

// allLibs returns every library module, for compiling modules that may
// read any of them.
func (c *catalog) allLibs() (map[string]*ast.Module, error) {
	out := make(map[string]*ast.Module, len(c.libs))
	for name := range c.libs {
		m, err := c.library(name)
		if err != nil {
			return nil, err
		}
		out[name] = m
	}
	return out, nil
}

// library returns the named library module, parsed.
func (c *catalog) library(name string) (*ast.Module, error) {
	if l := c.unparsed[name]; l != nil {
		return l.get()
	}
	return c.libs[name], nil
}

// ruleModule returns rm's module, parsed.
func (c *catalog) ruleModule(rm *ruleModule) (*ast.Module, error) {
	if l := c.unparsed[rm.file]; l != nil {
		return l.get()
	}
	return c.rules[rm], nil
}

// dataRefs lists the data references of a module: every reference in its
// rules that starts at data, or at the name of an import of data, written
// from data (with "import data.rampart.lib", lib.finding reads
// data.rampart.lib.finding, not every library).
func dataRefs(m *ast.Module) []ast.Ref {
	imported := map[ast.Var]ast.Ref{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok || !ref.HasPrefix(ast.DefaultRootRef) || len(ref) < 2 {
			continue
		}
		name := imp.Alias
		if name == "" {
			last, ok := ref[len(ref)-1].Value.(ast.String)
			if !ok {
				continue
			}
			name = ast.Var(last)
		}
		imported[name] = ref
	}
	var out []ast.Ref
	for _, r := range m.Rules {
		ast.WalkRefs(r, func(ref ast.Ref) bool {
			if ref.HasPrefix(ast.DefaultRootRef) {
				out = append(out, ref)
			} else if v, ok := ref[0].Value.(ast.Var); ok && imported[v] != nil {
				out = append(out, imported[v].Concat(ref[1:]))
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
