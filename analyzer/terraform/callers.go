package terraform

import (
	"path/filepath"
	"strings"
)

// ModuleGraph answers questions about the module calls between directories
// without evaluating anything: which root modules reach a changed module,
// and which files hold the module blocks on the way from a root to one of
// its module instances. A scan of the files a commit changed uses it to
// evaluate a changed module through the roots that call it, and to tell
// which findings the changed files bear on.
type ModuleGraph struct {
	l *loader
	// calls holds the module calls of each directory read
	// (loadModuleCalls); nil for one the parser panicked on.
	calls map[string]*moduleConfig
}

// NewModuleGraph reads module directories lazily, each once, and reads no
// file whose symbolic links resolve outside root.
func NewModuleGraph(root string) *ModuleGraph {
	return &ModuleGraph{l: newLoader(root), calls: map[string]*moduleConfig{}}
}

// callsOf reads the module calls of dir: of its files only those that may
// declare a module block are parsed (mayDeclareModule), and a directory
// with none is not parsed at all. Most of a repository's modules are
// leaves, and parsing them all is what a one-file scan would spend its
// time on.
func (g *ModuleGraph) callsOf(dir string) *moduleConfig {
	dir = filepath.Clean(dir)
	if c, ok := g.calls[dir]; ok {
		return c
	}
	c := safeParse(g.l.dirParser(), dir, g.l.root, true)
	g.calls[dir] = c
	return c
}

// RootsReaching returns the directories of dirs (every module directory of
// a repository) that no other directory of dirs calls and whose module tree
// includes one of targets: those LoadModules must be given to evaluate the
// targets in context. A target no such root reaches (a module nothing
// calls, or one in a cycle of calls) is returned itself.
func (g *ModuleGraph) RootsReaching(dirs, targets []string) []string {
	called := map[string]bool{}
	for _, d := range dirs {
		a := g.l.absRoot(d)
		for _, c := range g.children(a) {
			if c != a {
				called[c] = true
			}
		}
	}
	wanted := map[string]bool{}
	for _, t := range targets {
		wanted[g.l.absRoot(t)] = true
	}
	var out []string
	reached := map[string]bool{}
	for _, d := range dirs {
		a := g.l.absRoot(d)
		if called[a] || reached[a] {
			continue
		}
		visited := map[string]bool{}
		if g.reaches(a, wanted, visited) {
			out = append(out, d)
			for v := range visited {
				reached[v] = true
			}
		}
	}
	for _, t := range targets {
		if a := g.l.absRoot(t); !reached[a] {
			reached[a] = true
			out = append(out, t)
		}
	}
	return out
}

// reaches walks the calls from the absolute directory dir, marking every
// directory it visits.
func (g *ModuleGraph) reaches(dir string, wanted, visited map[string]bool) bool {
	if visited[dir] {
		return false
	}
	visited[dir] = true
	// Every directory below is visited, found or not: the caller marks
	// them all as reached.
	found := wanted[dir]
	for _, child := range g.children(dir) {
		if g.reaches(child, wanted, visited) {
			found = true
		}
	}
	return found
}

// children are the absolute directories dir calls: local sources and the
// modules terraform init downloaded for it.
func (g *ModuleGraph) children(dir string) []string {
	var out []string
	if m, _ := readManifest(dir, g.l.root); m != nil {
		for _, d := range m {
			out = append(out, g.l.absRoot(d))
		}
	}
	cfg := g.callsOf(dir)
	if cfg == nil {
		return out
	}
	for _, c := range cfg.calls {
		if isLocalSource(c.source) {
			out = append(out, g.l.absRoot(filepath.Join(dir, c.source)))
		}
	}
	return out
}

// CallSites returns the files holding the module blocks from the root
// module in rootDir to the module instance at steps (module.a[0],
// module.b["k"], outermost first), as far as they can be followed without
// evaluating anything: a call whose source is neither local nor in the
// root's module manifest ends the list.
func (g *ModuleGraph) CallSites(rootDir string, steps []string) []string {
	manifest, _ := readManifest(rootDir, g.l.root)
	dir := rootDir
	var files, keys []string
	for _, step := range steps {
		name := stepName(step)
		cfg := g.callsOf(dir)
		if cfg == nil {
			break
		}
		call := cfg.callByName[name]
		if call == nil {
			break
		}
		files = append(files, call.declRange.Filename)
		keys = append(keys, name)
		switch {
		case isLocalSource(call.source):
			dir = filepath.Join(dir, call.source)
		case manifest[strings.Join(keys, ".")] != "":
			dir = manifest[strings.Join(keys, ".")]
		default:
			return files
		}
	}
	return files
}

// stepName is the call name of one module address step: b for module.b["k"].
func stepName(step string) string {
	name := strings.TrimPrefix(step, "module.")
	if i := strings.IndexByte(name, '['); i >= 0 {
		name = name[:i]
	}
	return name
}

// AutoLoaded reports whether Terraform reads a variables file by its name
// alone in a root module's directory (terraform.tfvars, *.auto.tfvars and
// their .json forms); any other is read only through -var-file.
func AutoLoaded(path string) bool {
	name := filepath.Base(path)
	return name == "terraform.tfvars" || name == "terraform.tfvars.json" ||
		strings.HasSuffix(name, ".auto.tfvars") || strings.HasSuffix(name, ".auto.tfvars.json")
}
