package analyzer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/terraform"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// A scan of files, as a pre-commit hook passes the files a commit changes,
// checks each in the context it is deployed in, and reports what the files
// bear on:
//
//   - a .tf file: its module is evaluated through the root modules of the
//     repository that call it (the module itself when none does), so its
//     variables have the values its callers pass;
//   - a variables file Terraform loads by name (terraform.tfvars,
//     *.auto.tfvars): the root module beside it;
//   - a CloudFormation template: with its nested stacks, and through the
//     templates of the repository that nest it (found by a text search for
//     its name in templates that declare a nested stack, then confirmed by
//     parsing), so its parameters have the values its parents pass.
//
// Findings, undecided results and passed checks are then kept when a named
// file bears on them (see bearsOn); a directory among the scan paths keeps
// everything under it, as a full scan does.

// widenNamed adds to the inventory what must be evaluated to check the
// files named as scan paths: the root modules that call a named module and
// the templates that nest a named template.
func (inv *inventory) widenNamed(ctx context.Context, bounds *boundaries, opts Options) error {
	modules := map[string][]string{}   // boundary -> module dirs of named .tf files
	varFiles := map[string][]string{}  // boundary -> dirs of named auto-loaded variable files
	templates := map[string][]string{} // boundary -> named YAML/JSON files
	for _, p := range inv.named {
		b := bounds.of(p)
		switch classify(p) {
		case kindTerraform:
			modules[b] = append(modules[b], filepath.Dir(p))
		case kindTFVars:
			if terraform.AutoLoaded(p) {
				varFiles[b] = append(varFiles[b], filepath.Dir(p))
			}
		case kindStructured:
			templates[b] = append(templates[b], p)
		}
	}
	for _, b := range sortedKeys(modules, varFiles, templates) {
		repo, err := discover(ctx, []string{b}, opts.Root, opts.Exclude)
		if err != nil {
			return err
		}
		// Finding the callers of a module reads every module of the
		// repository: a commit that names no .tf or variables file (a
		// template) does not pay for it.
		if len(modules[b])+len(varFiles[b]) > 0 {
			g := terraform.NewModuleGraph(b)
			inv.addModuleDirs(asGiven(g.RootsReaching(repo.tfDirs, modules[b])))
			inv.addModuleDirs(asGiven(rootsAmong(g, repo.tfDirs, varFiles[b])))
		}
		inv.addStructured(asGiven(nestingParents(ctx, repo.structured, templates[b], b, opts)))
	}
	return nil
}

// rootsAmong returns the directories of dirs that are root modules: a
// variables file beside a child module is not read by Terraform.
func rootsAmong(g *terraform.ModuleGraph, all, dirs []string) []string {
	var out []string
	for _, d := range dirs {
		roots := g.RootsReaching(all, []string{d})
		if slices.ContainsFunc(roots, func(r string) bool { return samePath(r, d) }) {
			out = append(out, d)
		}
	}
	return out
}

func (inv *inventory) addModuleDirs(dirs []string) {
	for _, d := range dirs {
		if !slices.ContainsFunc(inv.tfDirs, func(have string) bool { return samePath(have, d) }) {
			inv.tfDirs = append(inv.tfDirs, d)
		}
	}
	sort.Strings(inv.tfDirs)
}

func (inv *inventory) addStructured(paths []string) {
	for _, p := range paths {
		if !slices.ContainsFunc(inv.structured, func(have string) bool { return samePath(have, p) }) {
			inv.structured = append(inv.structured, p)
		}
	}
}

// nestingParents returns the templates among candidates that nest one of
// targets, directly or through other templates. Only a candidate that
// names a target and declares a nested stack is parsed; it counts when the
// parse shows it includes the target.
//
// A pre-commit scan of one template reads every template of the
// repository for the test, so the reads run on every core; the parses
// that follow, few, in order.
func nestingParents(ctx context.Context, candidates, targets []string, boundary string, opts Options) []string {
	var parents []string
	abs := make([]string, len(candidates))
	for i, c := range candidates {
		abs[i] = absPath(c)
	}
	done := map[string]bool{}
	for _, t := range targets {
		done[absPath(t)] = true
	}
	// The reads keep nothing: each goes into a buffer a read before it
	// is done with, so a scan of one template does not leave the
	// repository's templates behind it as garbage.
	buffers := sync.Pool{New: func() any { return new([]byte) }}
	for len(targets) > 0 && ctx.Err() == nil {
		mentions := make([]bool, len(candidates))
		forEachIndex(ctx, len(candidates), opts.Workers, func(i int) {
			if done[abs[i]] {
				return
			}
			buf := buffers.Get().(*[]byte)
			mentions[i] = mentionsNested(candidates[i], boundary, targets, buf)
			buffers.Put(buf)
		})
		var next []string
		for i, c := range candidates {
			if !mentions[i] || done[abs[i]] { // done: named twice, found above
				continue
			}
			u, _, _ := parseStructured(ctx, c, boundary, opts)
			if u != nil && includesAny(u, targets) {
				done[abs[i]] = true
				parents = append(parents, c)
				next = append(next, c)
			}
		}
		targets = next
	}
	return parents
}

// mentionsNested is the cheap test before parsing: the file declares a
// nested stack and holds the base name of a target. It reads the file
// into *buf, and leaves there the buffer to read the next one into.
func mentionsNested(path, boundary string, targets []string, buf *[]byte) bool {
	src, _, err := safefs.ReadPrefixInto(*buf, path, boundary, cloudformation.MaxFileSize)
	if err != nil {
		return false
	}
	if cap(src) > cap(*buf) {
		*buf = src[:0]
	}
	if !bytes.Contains(src, []byte("AWS::CloudFormation::Stack")) && !bytes.Contains(src, []byte("AWS::Serverless::Application")) {
		return false
	}
	for _, t := range targets {
		if bytes.Contains(src, []byte(filepath.Base(t))) {
			return true
		}
	}
	return false
}

func includesAny(u *graph.Unit, targets []string) bool {
	for _, inc := range u.Includes {
		for _, t := range targets {
			if samePath(inc.File, t) {
				return true
			}
		}
	}
	return false
}

// focus decides which results a scan of named files reports.
type focus struct {
	// named are the files named as scan paths, absolute.
	named map[string]bool
	// dirs are the directories among the scan paths, absolute: all
	// results under them are reported.
	dirs []string
	// units are the scan's units by path, to follow nested stacks.
	units map[string]*graph.Unit
	// modules follow module calls, per boundary; created when needed.
	modules map[string]*terraform.ModuleGraph
	bounds  *boundaries
}

// narrowToNamed keeps, when files are among the scan paths, the results
// they bear on.
func narrowToNamed(res *Result, opts Options, units []*graph.Unit) error {
	bounds, err := newBoundaries(opts.Paths, opts.Boundary)
	if err != nil {
		return err
	}
	newFocus(opts.Paths, units, bounds).narrow(res)
	return nil
}

// newFocus returns nil when every scan path is a directory: a full scan
// reports everything.
func newFocus(paths []string, units []*graph.Unit, bounds *boundaries) *focus {
	f := &focus{named: map[string]bool{}, units: map[string]*graph.Unit{},
		modules: map[string]*terraform.ModuleGraph{}, bounds: bounds}
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			f.dirs = append(f.dirs, absPath(p))
		} else {
			f.named[absPath(p)] = true
		}
	}
	if len(f.named) == 0 {
		return nil
	}
	for _, u := range units {
		f.units[filepath.Clean(u.Path)] = u
	}
	return f
}

// narrow keeps the results the named files bear on.
func (f *focus) narrow(res *Result) {
	if f == nil {
		return
	}
	res.Findings = slices.DeleteFunc(res.Findings, func(x result.Finding) bool {
		return !f.bearsOn(x.Location, x.Trace, x.Instances)
	})
	res.Undecided = slices.DeleteFunc(res.Undecided, func(x result.Undecided) bool {
		return !f.bearsOn(x.Location, nil, x.Instances)
	})
	res.Passed = slices.DeleteFunc(res.Passed, func(x result.Check) bool {
		return !f.bearsOn(x.Location, nil, x.Instances)
	})
}

// bearsOn reports whether a named file bears on a result: the result is
// located in it or under a scanned directory, its value came through it
// (a hop of a trace), or it holds a module block or nested stack on the
// way from the root to the result's instance. A file list does not say
// which lines changed, so a changed module call counts for everything the
// module instance yields: the change may have added the call or changed
// what it passes.
func (f *focus) bearsOn(loc graph.Location, trace graph.Trace, instances []result.Instance) bool {
	if f.covers(loc.File) || f.tracesThrough(trace) {
		return true
	}
	for _, in := range instances {
		if f.tracesThrough(in.Trace) {
			return true
		}
		for _, site := range f.callSites(in) {
			if f.covers(site) {
				return true
			}
		}
	}
	return false
}

func (f *focus) tracesThrough(t graph.Trace) bool {
	for _, hop := range t {
		if f.covers(hop.File) {
			return true
		}
	}
	return false
}

// covers reports whether path is a named file or lies under a scanned
// directory.
func (f *focus) covers(path string) bool {
	if path == "" {
		return false
	}
	abs := absPath(path)
	if f.named[abs] {
		return true
	}
	for _, d := range f.dirs {
		if within(d, abs) {
			return true
		}
	}
	return false
}

// callSites returns the files holding the module blocks or nested stack
// resources from an instance's root to its module or stack.
func (f *focus) callSites(in result.Instance) []string {
	steps := in.ModuleSteps()
	if len(steps) == 0 {
		return nil
	}
	u := f.units[filepath.Clean(in.Root)]
	if u == nil {
		return nil
	}
	switch u.Source {
	case graph.SourceCloudFormation:
		// A nested stack's resource is in the unit under its stack path.
		var sites []string
		for i := range steps {
			if r := u.Resource(strings.Join(steps[:i+1], "/")); r != nil {
				sites = append(sites, r.Loc.File)
			}
		}
		return sites
	case graph.SourceTerraform:
		b := f.bounds.of(in.Root)
		if f.modules[b] == nil {
			f.modules[b] = terraform.NewModuleGraph(b)
		}
		return f.modules[b].CallSites(in.Root, steps)
	}
	return nil
}

// asGiven names the paths a repository walk found (absolute) as a user
// names them, relative to the working directory when they are under it,
// so the files they bring into the scan are reported like the named ones.
func asGiven(paths []string) []string {
	wd, err := os.Getwd()
	if err != nil {
		return paths
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = p
		if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
			out[i] = rel
		}
	}
	return out
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

func samePath(a, b string) bool { return absPath(a) == absPath(b) }

func sortedKeys(maps ...map[string][]string) []string {
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
