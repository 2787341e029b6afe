package terraform

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// Options configure variable values and the file sandbox for LoadModules.
type Options struct {
	// Args are the -var and -var-file arguments in the order given. As
	// terraform plan does, they apply after TF_VAR_* and the automatically
	// loaded variable files, each one replacing what came before it.
	Args []VarArg
	Env  []string // process environment, for TF_VAR_* (lowest after defaults) and TF_WORKSPACE
	Root string   // repository root: file functions and module sources may read only below it
	// Read, when set, is called with every configuration and variables
	// file the loaders read, as read, from any of their goroutines: the
	// scan notes there which files hold no suppression comment, and does
	// not read those again.
	Read func(path string, src []byte)
}

// VarArg is one -var name=value or one -var-file argument.
type VarArg struct {
	// Name and Value are an assignment; Value is read as terraform -var
	// reads it: as a string for a variable of primitive type, as an HCL
	// expression otherwise.
	Name, Value string
	// File is a variables file (.tfvars, or JSON when it ends in .json);
	// Name is then empty.
	File string
	// Via names where the argument came from when that is not the command
	// line ("RAMPART_VAR", a configuration file). An assignment from the
	// command line to a variable no scanned root declares is an error, as
	// in Terraform; one from elsewhere is ignored, as TF_VAR_* is.
	Via string
}

// loader parses module directories once per LoadModules call, however
// many roots share them. Several roots may be evaluated on one loader at
// once: mu guards what it caches.
type loader struct {
	// parser's budget is what the for expressions of the modules parsed
	// draw on when evaluated without an evaluation's (forbudget).
	parser *parser

	mu      sync.Mutex
	configs map[string]*moduleConfig
	// parsing holds the directories being parsed for one evaluation, which
	// another one waits for instead of parsing them too.
	parsing map[string]*pendingConfig
	// abs holds absRoot's answers by the directory as written, real
	// resolved's by the absolute path.
	abs, real map[string]string
	// root is Options.Root: no configuration, variables or manifest file
	// is read whose symbolic links resolve outside it.
	root string
	// keepAtMost, when set, bounds the module directories the loader
	// keeps parsed: finding the roots of a scan reads every module once
	// and must not hold them all; the first ones it reads are kept for
	// the roots loaded first, which call them.
	keepAtMost int
	// keptBytes is the source size of the configurations in configs.
	keptBytes int
	// exprs caches the syntax facts of the expressions of the modules
	// parsed (syntaxfacts.go); they go with the parsed modules.
	exprs map[hcl.Expression]*exprFacts
	// defaults caches the variable defaults written with literals only
	// (literalDefault), with the parsed modules.
	defaults map[*variableConfig]*finishedDefault
}

func newLoader(root string) *loader {
	p := newParser()
	p.sources = newSourceCache()
	// A loader reads every file of the modules it parses; relative paths
	// are taken from the working directory found once (a scan does not
	// change it).
	if wd, err := os.Getwd(); err == nil {
		p.wd = wd
	}
	return &loader{parser: p, configs: map[string]*moduleConfig{}, abs: map[string]string{}, real: map[string]string{}, root: root}
}

// loaderFor is a loader for opts, calling opts.Read with what it reads.
func loaderFor(opts Options) *loader {
	l := newLoader(opts.Root)
	l.parser.read = opts.Read
	return l
}

// pendingConfig is a module directory being parsed.
type pendingConfig struct {
	done chan struct{}
	cfg  *moduleConfig // nil when the parser panicked
}

func (l *loader) config(dir string) *moduleConfig {
	dir = filepath.Clean(dir)
	l.mu.Lock()
	if c, ok := l.configs[dir]; ok {
		l.mu.Unlock()
		return c
	}
	if p, ok := l.parsing[dir]; ok {
		l.mu.Unlock()
		<-p.done
		if p.cfg != nil {
			return p.cfg
		}
		// The parser panicked on it there; it panics here too, so that
		// this root fails as it would have alone.
		return loadModuleConfig(l.dirParser(), dir, l.root)
	}
	if l.full() {
		l.mu.Unlock()
		return loadModuleConfig(l.dirParser(), dir, l.root)
	}
	p := &pendingConfig{done: make(chan struct{})}
	if l.parsing == nil {
		l.parsing = map[string]*pendingConfig{}
	}
	l.parsing[dir] = p
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		delete(l.parsing, dir)
		if p.cfg != nil {
			l.keep(dir, p.cfg)
		}
		l.mu.Unlock()
		close(p.done)
	}()
	p.cfg = loadModuleConfig(l.dirParser(), dir, l.root)
	return p.cfg
}

// dirParser is a parser for one module directory: hcl's parsers are not
// safe for concurrent use, and each directory is parsed once anyway.
func (l *loader) dirParser() *parser {
	return l.parser.sibling()
}

// cachedSource reports the configurations the loader keeps and the size
// of their source.
func (l *loader) cachedSource() (modules, bytes int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.configs), l.keptBytes
}

// full reports whether the loader keeps no more configurations: it holds
// keepAtMost of them, or maxCachedSource bytes of source, when it is
// bounded (keepAtMost set).
func (l *loader) full() bool {
	return l.keepAtMost > 0 && (len(l.configs) >= l.keepAtMost || l.keptBytes >= maxCachedSource)
}

// keep keeps a module directory's configuration for the roots that call
// it. l.mu is held.
func (l *loader) keep(dir string, c *moduleConfig) {
	l.configs[dir] = c
	l.keptBytes += c.srcBytes
}

// absRoot is dir absolute with its symbolic links resolved (absolute
// only, where they do not resolve): what findRoots tells module
// directories apart by.
func (l *loader) absRoot(dir string) string {
	return l.cachedPath(l.abs, dir, func() string {
		if wd := l.parser.wd; wd != "" && !filepath.IsAbs(dir) {
			return l.resolved(filepath.Join(wd, dir))
		}
		if abs, err := filepath.Abs(dir); err == nil {
			return l.resolved(abs)
		}
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return real
		}
		return dir
	})
}

// resolved is filepath.EvalSymlinks(abs), for abs absolute and clean, or
// abs where that fails. It takes a directory's parent resolved, once for
// all its children, and joins its name when it is no symbolic link: one
// Lstat, where EvalSymlinks takes one a component of the path (on a tree
// of repositories, seven or more for each of its directories).
func (l *loader) resolved(abs string) string {
	return l.cachedPath(l.real, abs, func() string {
		parent := filepath.Dir(abs)
		if info, err := os.Lstat(abs); err == nil && info.Mode()&os.ModeSymlink == 0 && parent != abs {
			return filepath.Join(l.resolved(parent), filepath.Base(abs))
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			return real
		}
		return abs
	})
}

// cachedPath is cache[key], computed by find when the cache has none.
// l.mu guards the cache but is not held while find runs, which may ask
// for other paths (resolved asks for the parent).
func (l *loader) cachedPath(cache map[string]string, key string, find func() string) string {
	l.mu.Lock()
	p, ok := cache[key]
	l.mu.Unlock()
	if ok {
		return p
	}
	p = find()
	l.mu.Lock()
	cache[key] = p
	l.mu.Unlock()
	return p
}

// isLocalSource reports whether a module source is a local path, which
// Terraform reads in place instead of downloading.
func isLocalSource(src string) bool {
	return strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") ||
		src == "." || src == ".." || strings.HasPrefix(src, ".\\") || strings.HasPrefix(src, "..\\")
}

// LoadModules takes every directory of the scan that holds .tf/.tf.json
// files and returns one Unit per root module: a directory is a root only
// when no other scanned directory calls it as a local child module, so a
// module is not scanned twice, once as a root with missing inputs. Child
// modules (local ones recursively, downloaded ones through
// .terraform/modules/modules.json) are evaluated as part of their root's
// Unit. It never panics: an internal failure becomes an error diagnostic
// on that root's Unit.
func LoadModules(ctx context.Context, dirs []string, opts Options) []*graph.Unit {
	l := loaderFor(opts)
	var units []*graph.Unit
	roots := findRoots(l, dirs)
	for _, dir := range roots {
		if ctx.Err() != nil {
			break
		}
		units = append(units, loadRoot(ctx, l, dir, opts))
	}
	if len(units) > 0 {
		units[0].Diagnostics = append(units[0].Diagnostics, undeclaredArgs(l, roots, opts.Args)...)
	}
	return units
}

// undeclaredArgs reports command-line assignments to a variable that no
// root module of the scan declares: terraform plan refuses a -var for an
// undeclared variable. One --var serves every root of a scan, so a root
// that does not declare it is no error as long as another one does.
func undeclaredArgs(l *loader, roots []string, args []VarArg) graph.Diagnostics {
	var diags graph.Diagnostics
	seen := map[string]bool{}
	for _, a := range args {
		if a.Name == "" || a.Via != "" || seen[a.Name] {
			continue
		}
		seen[a.Name] = true
		declared := false
		for _, dir := range roots {
			if cfg := safeConfig(l, dir); cfg != nil && cfg.variables[a.Name] != nil {
				declared = true
				break
			}
		}
		if !declared {
			diags = append(diags, graph.Diagnostic{
				Severity: graph.SeverityError,
				Summary:  "Value for undeclared variable",
				Detail:   fmt.Sprintf("--var assigns variable %q, which no scanned root module declares", a.Name),
			})
		}
	}
	return diags
}

// findRoots keeps the directories no other scanned directory calls. A
// group of directories that only call each other (a module cycle) still
// gets one root, its first directory, so nothing scanned goes unreported.
func findRoots(l *loader, dirs []string) []string {
	calls := map[string][]string{} // abs dir -> abs dirs it calls locally
	called := map[string]bool{}
	absOf := make([]string, len(dirs))
	configs := l.parseAll(dirs)
	defer configs.stop()
	for i, d := range dirs {
		absOf[i] = l.absRoot(d)
		// Modules terraform init downloaded are children of this root,
		// should the scan have walked into .terraform.
		if m, _ := readManifest(d, l.root); m != nil {
			for _, dir := range m {
				if target := l.absRoot(dir); target != absOf[i] {
					calls[absOf[i]] = append(calls[absOf[i]], target)
					called[target] = true
				}
			}
		}
		cfg := configs.next()
		if cfg == nil {
			continue
		}
		for _, c := range cfg.calls {
			if !isLocalSource(c.source) {
				continue
			}
			target := l.absRoot(filepath.Join(d, c.source))
			if target == absOf[i] {
				continue
			}
			calls[absOf[i]] = append(calls[absOf[i]], target)
			called[target] = true
		}
	}
	reached := map[string]bool{}
	var visit func(string)
	visit = func(a string) {
		if reached[a] {
			return
		}
		reached[a] = true
		for _, c := range calls[a] {
			visit(c)
		}
	}
	var roots []string
	seen := map[string]bool{}
	for i, d := range dirs {
		if !called[absOf[i]] && !seen[absOf[i]] {
			seen[absOf[i]] = true
			roots = append(roots, d)
			visit(absOf[i])
		}
	}
	for i, d := range dirs {
		if !reached[absOf[i]] && !seen[absOf[i]] {
			seen[absOf[i]] = true
			roots = append(roots, d)
			visit(absOf[i])
		}
	}
	return roots
}

// safeConfig parses a directory for root detection; a parser panic is
// left for loadRoot to report on the unit.
func safeConfig(l *loader, dir string) (cfg *moduleConfig) {
	defer func() {
		if recover() != nil {
			cfg = nil
		}
	}()
	return l.config(dir)
}

func loadRoot(ctx context.Context, l *loader, dir string, opts Options) *graph.Unit {
	unit, _ := evalRoot(ctx, l, dir, opts)
	return unit
}

// evalRoot evaluates dir as a root module into a Unit, and returns the
// root module's instance too (nil after an internal failure), which
// LoadRootOutputs reads the outputs of.
func evalRoot(ctx context.Context, l *loader, dir string, opts Options) (unit *graph.Unit, root *moduleInstance) {
	unit = &graph.Unit{Source: graph.SourceTerraform, Path: dir}
	ev := &evaluator{
		ctx: ctx, loader: l, opts: opts, rootDir: filepath.Clean(dir), unit: unit,
		memo: map[string]*memoEntry{}, files: map[string]bool{}, diagSeen: map[string]bool{},
		edgeSeen: map[string]bool{}, cfgSeen: map[*moduleConfig]bool{}, workspace: "default",
	}
	defer func() {
		if r := recover(); r != nil {
			ev.errorAt(graph.Location{File: dir}, "Internal error evaluating Terraform module",
				fmt.Sprintf("%v\n%s", r, debug.Stack()))
		}
	}()
	sandboxRoot := opts.Root
	if sandboxRoot == "" {
		sandboxRoot = dir
	}
	// Contextless evaluations (a literal evaluated at parse time) draw on
	// the loader's budget, shared by the roots being evaluated.
	l.parser.iterations.Reset()
	ev.iterations = forbudget.NewMeter(forbudget.MaxIterations)
	ev.vars = &parser{Parser: hclparse.NewParser(), iterations: ev.iterations}
	ev.funcs = newFunctions(ev.rootDir, l.absRoot(sandboxRoot), ev.iterations)
	for _, kv := range opts.Env {
		if w, ok := strings.CutPrefix(kv, "TF_WORKSPACE="); ok && w != "" {
			ev.workspace = w
		}
	}
	ev.manifest = ev.readManifest()
	cfg := l.config(dir)
	ev.useConfig(cfg)
	ev.loadRootValues()
	ev.warnUndeclared(cfg)
	mi := newInstance(ev, cfg)
	mi.emit()
	ev.reportIterations()
	return unit, mi
}

// readManifest reads the modules terraform init downloaded:
// .terraform/modules/modules.json maps each module call path ("vpc",
// "vpc.subnets") to its directory, relative to the root module.
func (ev *evaluator) readManifest() map[string]string {
	m, err := readManifest(ev.rootDir, ev.loader.root)
	if err != nil {
		ev.errorAt(graph.Location{File: manifestPath(ev.rootDir), StartLine: 1}, "Invalid module manifest", err.Error())
	}
	return m
}

func manifestPath(rootDir string) string {
	return filepath.Join(rootDir, ".terraform", "modules", "modules.json")
}

// readManifest maps modules.json keys to directories; no manifest is no
// error (nothing was downloaded), one that cannot be read safely (a link
// outside root, a FIFO, too large) is.
//
// Most directories have no .terraform: one lstat says so, where the
// confined read of the manifest costs half a dozen system calls (the
// working directory asked for the absolute path, the root opened),
// for every module directory when the roots are found and for every
// root again. What is there is read confined as before.
func readManifest(rootDir, root string) (map[string]string, error) {
	if _, err := os.Lstat(filepath.Join(rootDir, ".terraform")); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	p := manifestPath(rootDir)
	b, err := safefs.ReadFile(p, root, maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m struct {
		Modules []struct {
			Key string `json:"Key"`
			Dir string `json:"Dir"`
		} `json:"Modules"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode %s: %w", p, err)
	}
	out := map[string]string{}
	for _, e := range m.Modules {
		if e.Key != "" && e.Dir != "" {
			out[e.Key] = filepath.Join(rootDir, filepath.FromSlash(e.Dir))
		}
	}
	return out, nil
}

// boundedSource refuses a module directory outside the repository root:
// rampart reads nothing outside it, whatever a module source or the
// module manifest says.
func (ev *evaluator) boundedSource(call *moduleCall, dir string) (string, bool) {
	if ev.inBoundary(dir) {
		return dir, true
	}
	ev.errorAt(loc(call.sourceRange), "Module source outside the repository root",
		fmt.Sprintf("module %q: source %q is %s, outside the repository root; rampart reads no file outside it (--root sets the root)", call.name, call.source, dir))
	return "", false
}

// resolveSource finds a module call's directory: local paths relative to
// the calling module, anything else through the manifest. A module that
// was never downloaded is a note, not an error: its outputs are Unknown.
func (ev *evaluator) resolveSource(mi *moduleInstance, call *moduleCall, key string) (string, bool) {
	if call.source == "" {
		return "", false
	}
	var dir string
	if isLocalSource(call.source) {
		dir = filepath.Join(mi.cfg.dir, call.source)
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			ev.errorAt(loc(call.sourceRange), "Module not found",
				fmt.Sprintf("module %q: local source %q is not a directory (%s)", call.name, call.source, dir))
			return "", false
		}
		return ev.boundedSource(call, dir)
	}
	for p := mi; p != nil && p.validating; p = p.parent {
		p.manifestBelow = true // the manifest is this root's own
	}
	dir, ok := ev.manifest[key]
	if ok {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return ev.boundedSource(call, dir)
		}
	}
	ev.addDiag(graph.Diagnostic{
		Severity: graph.SeverityNote,
		Summary:  fmt.Sprintf("module %s not downloaded; its outputs are Unknown", call.name),
		Detail:   fmt.Sprintf("source %q has no entry in .terraform/modules/modules.json; run terraform init to analyse it", call.source),
		Location: loc(call.sourceRange),
	})
	return "", false
}

// maxCachedModules and maxCachedSource bound the module directories a
// RootLoader keeps parsed between roots, in number and in size of their
// source (a parsed module takes about sixteen times its source): roots
// are loaded in path order, so the examples of one module, which call it,
// mostly find it parsed, while memory stays bounded by a repository's
// modules (terraform-aws-security-group, the largest measured, has 1.9
// MB of .tf files), not by the scan.
const (
	maxCachedModules = 256
	maxCachedSource  = 2 << 20
)

// RootLoader loads the root modules of a set of directories root by
// root, so a scan can evaluate and release a root's graph before it loads
// many more; several roots may load at once, on every core, sharing the
// modules parsed. LoadModules is the same over every root at once.
type RootLoader struct {
	opts  Options
	roots []string
	// first gets the diagnostics about the whole set (undeclaredArgs).
	first string
	diags graph.Diagnostics

	mu sync.Mutex
	l  *loader
	// keptModules and keptBytes are what finding the roots left in l:
	// it keeps up to maxCachedModules and maxCachedSource and stops past
	// either, so l may start over them by its last module. Until l is
	// replaced, that is its bound, not the constants, or the first load
	// would drop what was kept for it.
	keptModules, keptBytes int
}

// NewRootLoader finds the root modules among dirs as LoadModules does.
// Of the modules it parses to find them, it keeps the first ones, up to
// maxCachedModules and maxCachedSource, for the roots it loads first (a
// repository's examples and the module they call are parsed once), and of
// the others it parses only the module calls.
func NewRootLoader(dirs []string, opts Options) *RootLoader {
	l := loaderFor(opts)
	l.keepAtMost = maxCachedModules
	rl := &RootLoader{opts: opts, roots: findRoots(l, dirs)}
	if len(rl.roots) > 0 {
		rl.first = rl.roots[0]
		rl.diags = undeclaredArgs(l, rl.roots, opts.Args)
	}
	l.keepAtMost = 0
	rl.l = l
	rl.keptModules, rl.keptBytes = l.cachedSource()
	return rl
}

// Roots are the root module directories, in the order of the directories
// given.
func (rl *RootLoader) Roots() []string { return rl.roots }

// Load evaluates one of Roots into its Unit. Several loads may run at
// once; they share parsed modules, each evaluation with a for-expression
// budget of its own.
func (rl *RootLoader) Load(ctx context.Context, dir string) *graph.Unit {
	rl.mu.Lock()
	if rl.l == nil {
		rl.l = loaderFor(rl.opts)
	} else if modules, bytes := rl.l.cachedSource(); modules > max(maxCachedModules, rl.keptModules) || bytes > max(maxCachedSource, rl.keptBytes) {
		rl.l = loaderFor(rl.opts) // the loads under way keep the one they have
		rl.keptModules, rl.keptBytes = 0, 0
	}
	l := rl.l
	rl.mu.Unlock()
	u := loadRoot(ctx, l, dir, rl.opts)
	if dir == rl.first {
		u.Diagnostics = append(u.Diagnostics, rl.diags...)
	}
	return u
}
