package analyzer

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/terraform"
	"github.com/rampart-iac/rampart/analyzer/textenc"
	"github.com/rampart-iac/rampart/internal/pathlist"
	"github.com/rampart-iac/rampart/internal/strblock"
)

// A scan streams its units: each template, plan or Terraform root module
// is parsed, normalized and evaluated (in batches of whole units, a batch
// per core), and its graph is then released; what the rest of the scan
// needs of it (its files, diagnostics and nested stacks, its resources'
// declarations for suppressions, its declared secrets for masking, what
// the account rules read) is kept in a small record. Peak memory is then
// bounded by the units in flight, not by the scan.
//
// Units are taken in the order a whole-scan read would list them
// (templates and plans by path, then Terraform roots by path), so batches
// and results come out as they did when every unit was read first.

// streamer drives one scan's units through the stages.
type streamer struct {
	ctx context.Context
	st  stages
	// pending is the engine being built; the normalizer, the evaluator
	// and acct are set from it when the first unit is taken (ready). st
	// stays as given: the loads read it meanwhile.
	pending   *pendingEngine
	normalize normalizer
	evaluator func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error)
	workers   int
	// narrowing keeps the resource locations of CloudFormation units:
	// results of a scan of named files follow nested stacks through them.
	narrowing bool
	// omitPassed drops each batch's passed checks (Options.OmitPassed).
	omitPassed bool
	// nested are the templates another one includes: they are analysed
	// as part of it, not on their own.
	nested *nesting
	// planned are the directories holding a Terraform plan, whose HCL
	// root module is not analysed (preferPlans).
	planned map[string]bool
	// The batch being filled, in unit order.
	batch      []unitResources
	batchSize  int
	batchDiags graph.Diagnostics

	jobs    chan batchJob
	wg      sync.WaitGroup
	mu      sync.Mutex
	results [][]evaluated

	// Per unit, in the order taken. units are slim and without their
	// files until slimUnits gives them back: the i-th unit's are those of
	// unitFiles up to fileEnds[i], from the end of the unit before it.
	units     []*graph.Unit
	paths     strblock.Block // units' paths
	unitFiles pathlist.List
	fileEnds  []int
	files     []result.File
	normDiags graph.Diagnostics
	failures  []unitFailure
	decls     *declarations
	sensitive map[string]bool
	// unmarked are the YAML/JSON files read whole without an inline
	// suppression comment: the suppression stage does not read them again,
	// nor the Terraform files tfMarks says hold none.
	unmarked map[string]bool
	tfMarks  *fileMarks
	// acct is what the account rules read of every unit, in unit order.
	acct      *accountSummary
	resources int
}

type batchJob struct {
	index int
	units []unitResources
	diags graph.Diagnostics
}

func newStreamer(ctx context.Context, pending *pendingEngine, st stages, opts Options) *streamer {
	s := &streamer{ctx: ctx, pending: pending, st: st, workers: opts.Workers, narrowing: namesFiles(opts.Paths), omitPassed: opts.OmitPassed,
		planned: map[string]bool{}, sensitive: map[string]bool{}, unmarked: map[string]bool{}, tfMarks: newFileMarks(), jobs: make(chan batchJob)}
	for range max(1, s.workers) {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			for job := range s.jobs {
				s.evaluate(job)
			}
		}()
	}
	return s
}

// namesFiles reports whether a scan path is a file: its results are then
// narrowed to what the named files bear on (narrowToNamed).
func namesFiles(paths []string) bool {
	for _, p := range paths {
		if info, err := os.Stat(p); err != nil || !info.IsDir() {
			return true
		}
	}
	return false
}

// structured parses the YAML/JSON files, workers at a time, and takes
// their units in path order.
func (s *streamer) structured(paths []string, bounds *boundaries, opts Options) {
	paths = sortedCopy(paths)
	ahead := newReadAhead(readAheadBudget)
	s.nested = nestingOf(s.ctx, paths, bounds, opts, ahead)
	pending := make(chan chan parsedTemplate, max(1, s.workers))
	go func() {
		defer close(pending)
		for _, path := range paths {
			if s.ctx.Err() != nil {
				return // stopped: what is left is not read (the scan fails)
			}
			c := make(chan parsedTemplate, 1)
			pending <- c
			go func() {
				if p, ok := ahead.takeParsed(path); ok {
					c <- p
					return
				}
				u, f, unmarked := parseStructuredFrom(s.ctx, path, bounds.of(path), opts, ahead.take(path))
				c <- parsedTemplate{u, f, unmarked}
			}()
		}
	}()
	for c := range pending {
		p := <-c
		s.files = append(s.files, p.f)
		if p.unmarked {
			s.unmarked[p.f.Path] = true
		}
		if p.u == nil {
			continue
		}
		if p.u.Source == graph.SourceTerraformPlan {
			s.planned[filepath.Dir(filepath.Clean(p.u.Path))] = true
		}
		if s.nested.nested(p.u.Path) {
			// Analysed with the template that includes it.
			s.keep(p.u)
			continue
		}
		s.take(p.u)
	}
}

// terraform loads the root modules of dirs, a worker's worth at a time,
// and takes them in path order, leaving out those a plan in their
// directory describes.
func (s *streamer) terraform(dirs []string, bounds *boundaries, opts Options) {
	type root struct {
		dir    string
		loader *terraform.RootLoader
	}
	var roots []root
	for _, group := range byBoundary(dirs, bounds) {
		rl, failed := newRootLoader(group.dirs, group.boundary, opts, s.tfMarks.note)
		if failed != nil {
			s.take(failed)
			continue
		}
		for _, d := range rl.Roots() {
			roots = append(roots, root{d, rl})
		}
	}
	sort.SliceStable(roots, func(i, j int) bool { return roots[i].dir < roots[j].dir })
	// Roots load workers at a time (running holds a slot per load) and are
	// taken in order: while one is taken, the next ones load. A load that
	// ends before the roots ahead of it are taken frees its slot for the
	// next root, so a core does not wait on a slower root ahead; held
	// bounds the roots loading or loaded and not yet taken to one more
	// than the workers, so what waits for a slow root stays one root's
	// worth. done stops the loading when taking ends early (a panic,
	// recovered by the scan).
	workers := max(1, s.workers)
	loaded := make(chan chan *graph.Unit, workers+1)
	running := make(chan struct{}, workers)
	held := make(chan struct{}, workers+1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(loaded)
		for _, r := range roots {
			if s.ctx.Err() != nil {
				return
			}
			if s.planned[filepath.Clean(r.dir)] {
				continue
			}
			select {
			case held <- struct{}{}:
			case <-done:
				return
			}
			select {
			case running <- struct{}{}:
			case <-done:
				return
			}
			c := make(chan *graph.Unit, 1)
			go func() {
				if s.st.loading != nil {
					s.st.loading(+1)
				}
				u := loadRoot(s.ctx, r.loader, r.dir)
				if s.st.loading != nil {
					s.st.loading(-1)
				}
				<-running
				c <- u
			}()
			loaded <- c // never blocks: no more than workers+1 are held
		}
	}()
	for c := range loaded {
		u := <-c
		<-held
		if s.ctx.Err() != nil {
			continue // stopped: the scan fails; the loads under way are drained
		}
		s.take(u)
	}
}

// ready waits for the engine and sets up what the stages need of it; it
// reports false when building the engine failed (the scan's error, which
// has stopped it).
func (s *streamer) ready() bool {
	if s.normalize != nil {
		return true
	}
	eng, err := s.pending.wait()
	if err != nil {
		return false
	}
	st := s.st.withDefaults(eng)
	s.normalize, s.evaluator = st.normalize, st.evaluate
	s.acct = newAccountSummary(eng)
	s.decls = newDeclarations(!s.acct.scope.Empty())
	return true
}

// take normalizes a unit, records what the scan keeps of it and adds it
// to the batch being filled.
func (s *streamer) take(u *graph.Unit) {
	if !s.ready() {
		return
	}
	for _, v := range sensitiveStrings([]*graph.Unit{u}) {
		s.sensitive[v] = true
	}
	canon, diags, err := normalizeUnit(s.ctx, u, s.normalize)
	if err != nil {
		s.failures = append(s.failures, internalFailure(u, "normalizing its resources", err))
		s.keep(u)
		return
	}
	ur := unitResources{unit: u, canon: canon, diags: diags}
	s.normDiags = append(s.normDiags, diags...)
	s.resources += len(canon)
	s.decls.add(canon)
	s.acct.add(ur)
	s.keep(u)

	if len(s.batch) > 0 && s.batchSize+len(canon) > batchResources {
		s.flush()
	}
	s.batch = append(s.batch, ur)
	s.batchSize += len(canon)
	s.batchDiags = append(append(s.batchDiags, u.Diagnostics...), diags...)
}

// keep records the slim copy of a unit the rest of the scan reads, its
// path in the scan's blocks of paths and its files in unitFiles.
func (s *streamer) keep(u *graph.Unit) {
	slim := slimUnit(u, s.narrowing)
	slim.Path = s.paths.Keep(slim.Path)
	for _, f := range slim.Files {
		s.unitFiles.Add(f)
	}
	slim.Files = nil
	s.units = append(s.units, slim)
	s.fileEnds = append(s.fileEnds, s.unitFiles.Len())
}

// slimUnits returns the slim copies of the units taken, in the order
// taken, with their files: once every unit is taken, when the report is
// made.
func (s *streamer) slimUnits() []*graph.Unit {
	start := 0
	for i, u := range s.units {
		u.Files = s.unitFiles.Slice(start, s.fileEnds[i])
		start = s.fileEnds[i]
	}
	return s.units
}

// flush hands the batch being filled to an evaluator; it waits while
// every evaluator is busy, so at most workers batches are in flight.
func (s *streamer) flush() {
	if len(s.batch) == 0 {
		return
	}
	job := batchJob{index: len(s.results), units: s.batch, diags: s.batchDiags}
	s.mu.Lock()
	s.results = append(s.results, nil)
	s.mu.Unlock()
	s.batch, s.batchSize, s.batchDiags = nil, 0, nil
	select {
	case s.jobs <- job:
	case <-s.ctx.Done():
	}
}

// evaluate runs one batch and keeps its results, packed, without the
// units' graphs, and the unit of an evaluation an internal error failed
// only.
func (s *streamer) evaluate(job batchJob) {
	rs := evaluateBatch(s.ctx, s.evaluator, job.units, job.diags)
	s.decls.keepFound(job.index, job.units, rs)
	for i := range rs {
		if rs[i].out != nil {
			if s.omitPassed {
				rs[i].out.Passed = nil
			}
			rs[i].packed, rs[i].out = packOutput(rs[i].out), nil
		}
		var ie *engine.InternalError
		if !errors.As(rs[i].err, &ie) {
			rs[i].units = nil
			continue
		}
		rs[i].units = []unitResources{{unit: slimUnit(rs[i].units[0].unit, false)}}
	}
	s.mu.Lock()
	s.results[job.index] = rs
	s.mu.Unlock()
	if s.st.released != nil {
		for _, ur := range job.units {
			s.st.released(ur.unit)
		}
	}
}

// finish evaluates the last batch and waits for every evaluation.
func (s *streamer) finish() {
	s.ready()
	s.flush()
	close(s.jobs)
	s.wg.Wait()
}

// declaredSecrets are the distinct values the units declare sensitive,
// longest first (as sensitiveStrings orders them).
func (s *streamer) declaredSecrets() []string {
	out := make([]string, 0, len(s.sensitive))
	for v := range s.sensitive {
		out = append(out, v)
	}
	sortSecrets(out)
	return out
}

// slimUnit is what the scan keeps of a unit once it is evaluated: what the
// file list, nested stacks and failures read, and, when narrowing, the
// location of each resource (nested stacks are found through them).
func slimUnit(u *graph.Unit, withResources bool) *graph.Unit {
	s := &graph.Unit{Source: u.Source, Path: u.Path, Files: u.Files, Includes: u.Includes, Diagnostics: u.Diagnostics}
	if withResources && u.Source == graph.SourceCloudFormation {
		s.Resources = make([]*graph.Resource, len(u.Resources))
		for i, r := range u.Resources {
			s.Resources[i] = &graph.Resource{ID: r.ID, Loc: r.Loc}
		}
	}
	return s
}

// nestingOf says which templates among paths other templates include.
// Only a template that declares a nested stack can include one, so only
// those are parsed; ahead keeps their parse within its budget. The files
// are read on every core: each is read whole before the scan can take its
// first unit; ahead keeps the small ones for their parse.
func nestingOf(ctx context.Context, paths []string, bounds *boundaries, opts Options, ahead *readAhead) *nesting {
	parents := make([]*graph.Unit, len(paths))
	forEachIndex(ctx, len(paths), opts.Workers, func(i int) {
		parents[i] = nestedStackParent(ctx, paths[i], bounds.of(paths[i]), opts, ahead)
	})
	return newNesting(slices.DeleteFunc(parents, func(u *graph.Unit) bool { return u == nil }))
}

// forEachIndex calls f for each index below n, on up to workers
// goroutines, and returns when all calls have; it stops handing out
// indexes once ctx is done.
func forEachIndex(ctx context.Context, n, workers int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(workers, n)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n && ctx.Err() == nil; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// nestedStackParent parses the template at path when it declares a nested
// stack, and returns what nesting reads of it; nil otherwise. A file read
// whole is left in ahead for its parse, or, when it was parsed here, what
// the parse gave (eijikominami's templates, fifty of which declare nested
// stacks, scan in 0.90 times the time they took parsed twice).
func nestedStackParent(ctx context.Context, path, boundary string, opts Options, ahead *readAhead) *graph.Unit {
	src, truncated, err := readBounded(path, boundary, cloudformation.MaxFileSize)
	if err != nil {
		return nil
	}
	var whole []byte
	if !truncated {
		whole = src
		ahead.keep(path, whole)
	}
	if !declaresNestedStack(src) {
		return nil
	}
	u, f, unmarked := parseStructuredFrom(ctx, path, boundary, opts, whole)
	if whole != nil {
		ahead.keepParsed(path, len(whole), parsedTemplate{u, f, unmarked})
	}
	if u != nil && u.Source == graph.SourceCloudFormation {
		return slimUnit(u, false)
	}
	return nil
}

// declaresNestedStack is the cheap test before parsing: the file names a
// nested stack type.
func declaresNestedStack(src []byte) bool {
	if text, err := textenc.ToUTF8(src); err == nil {
		src = text
	}
	return bytes.Contains(src, []byte("AWS::CloudFormation::Stack")) || bytes.Contains(src, []byte("AWS::Serverless::Application"))
}

type boundaryDirs struct {
	boundary string
	dirs     []string
}

// byBoundary groups module directories by boundary (a module in one
// repository cannot call one in another), in the order first met.
func byBoundary(dirs []string, bounds *boundaries) []boundaryDirs {
	var out []boundaryDirs
	index := map[string]int{}
	for _, d := range dirs {
		b := bounds.of(d)
		i, ok := index[b]
		if !ok {
			i = len(out)
			index[b] = i
			out = append(out, boundaryDirs{boundary: b})
		}
		out[i].dirs = append(out[i].dirs, d)
	}
	return out
}

func sortedCopy(paths []string) []string {
	out := append([]string(nil), paths...)
	sort.Strings(out)
	return out
}
