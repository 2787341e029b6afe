package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/cloudformation"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/suppress"
	"github.com/rampart-iac/rampart/analyzer/terraform"
	"github.com/rampart-iac/rampart/analyzer/terraform/plan"
	"github.com/rampart-iac/rampart/analyzer/textenc"
	"github.com/rampart-iac/rampart/internal/pathlist"
)

// Scan runs one scan. The returned error is for failures of the scan
// itself (bad options, unreadable paths, policies that do not compile);
// problems in the user's templates are diagnostics in the result, and the
// files they are in are marked failed.
func Scan(ctx context.Context, opts Options) (*Result, error) {
	return scan(ctx, opts, stages{})
}

func scan(ctx context.Context, opts Options, st stages) (*Result, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	// The policy engine is built while the files are found and parsed.
	// Its error comes first: a broken --policy-dir is a usage error, and
	// the scan stops as soon as it is known.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pending := buildEngine(ctx, opts, cancel)
	bounds, err := newBoundaries(opts.Paths, opts.Boundary)
	if err != nil {
		return nil, pending.firstError(err)
	}
	inv, err := inventoryOf(ctx, bounds, opts)
	if err != nil {
		return nil, pending.firstError(err)
	}

	s := newStreamer(ctx, pending, st, opts)
	s.structured(inv.structured, bounds, opts)
	s.terraform(inv.tfDirs, bounds, opts)
	s.finish()
	eng, err := pending.wait()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	units, files := accountFiles(s.slimUnits(), append(inv.ignored.files(), s.files...), &inv.tfFiles)

	res := &Result{Root: opts.Root, Rules: eng.Rules(), Files: files, Resources: s.resources}
	if res.Policies, err = policySources(opts); err != nil {
		return nil, err
	}
	res.Boundaries = bounds.list()
	var diags graph.Diagnostics
	for _, u := range units {
		diags = append(diags, u.Diagnostics...)
	}
	diags = append(diags, s.normDiags...) // the normalizers', like the front-ends'
	out, evalFailures, err := mergeEvaluated(s.results)
	if out == nil {
		return nil, fmt.Errorf("evaluating policies: %w", err)
	}
	accountOut, accountErr := s.acct.evaluate(ctx)
	if accountOut == nil {
		return nil, fmt.Errorf("evaluating account rules: %w", accountErr)
	}
	if opts.OmitPassed {
		accountOut.Passed = nil
	}
	out.Merge(accountOut)
	err = errors.Join(err, accountErr)
	// An internal error fails its unit; one rule that fails to evaluate
	// must not silence the others: either fails the run (the scan is
	// incomplete) next to the other results.
	failures := append(s.failures, evalFailures...)
	for _, f := range failures {
		diags = append(diags, f.diag)
	}
	failUnitFiles(res.Files, failures)
	diags = append(diags, ruleErrors(err)...)
	findings, suppressionDiags := applySuppressions(out.Findings, s.decls, eng, res, opts, bounds.of, s.unmarkedFile)
	diags = append(diags, suppressionDiags...)
	res.Findings, res.Undecided, res.Passed = mergeInstances(findings, out.Undecided, out.Passed)
	for _, d := range diags {
		if d.Severity == graph.SeverityError {
			res.Errors = append(res.Errors, d)
		} else {
			res.Warnings = append(res.Warnings, d)
		}
	}
	sortDiagnostics(res.Errors)
	sortDiagnostics(res.Warnings)
	maskDeclared(res, s.declaredSecrets())
	if err := narrowToNamed(res, opts, units); err != nil {
		return nil, err
	}
	return res, nil
}

// Rules lists every rule the engine loads with opts (built-in and
// --policy-dir ones), enabled or not, the built-in ones with their
// examples.
func Rules(ctx context.Context, opts Options) ([]result.Rule, error) {
	opts.Rules, opts.SkipRules = nil, nil
	eng, err := newEngine(ctx, opts)
	if err != nil {
		return nil, err
	}
	return engine.WithExamples(eng.AllRules())
}

// pendingEngine is the policy engine of a scan while it is built. Building
// it (the embedded policies' index, the libraries every scan reads, the
// user's policies) took a one-file scan about 12 ms of one core before
// the file was read; the front-ends need it only to normalize the first
// unit.
type pendingEngine struct {
	done     chan struct{}
	eng      *engine.Engine
	err      error
	panicked any
}

// buildEngine starts building the engine; a failure cancels the scan
// (stop), whose error it then is.
func buildEngine(ctx context.Context, opts Options, stop context.CancelFunc) *pendingEngine {
	p := &pendingEngine{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer func() {
			if v := recover(); v != nil {
				p.panicked = v
				stop()
			}
		}()
		if p.eng, p.err = newEngine(ctx, opts); p.err != nil {
			stop()
		}
	}()
	return p
}

// wait returns the engine once it is built; a panic while building it is
// raised again here, on the scan's goroutine.
func (p *pendingEngine) wait() (*engine.Engine, error) {
	<-p.done
	if p.panicked != nil {
		panic(p.panicked)
	}
	return p.eng, p.err
}

// firstError is the error a scan that failed with err returns: the
// engine's, if building it failed too.
func (p *pendingEngine) firstError(err error) error {
	if _, engErr := p.wait(); engErr != nil {
		return engErr
	}
	return err
}

func newEngine(ctx context.Context, opts Options) (*engine.Engine, error) {
	if opts.Engine != nil {
		return opts.Engine, nil
	}
	eng, err := engine.New(ctx, engine.Options{
		PolicyDirs: opts.PolicyDirs,
		Profiles:   opts.Profiles,
		Rules:      opts.Rules,
		SkipRules:  opts.SkipRules,
		Config:     opts.RuleConfig,
		Workers:    opts.Workers,
	})
	if err != nil {
		return nil, fmt.Errorf("loading policies: %w", err)
	}
	return eng, nil
}

func (o Options) withDefaults() (Options, error) {
	if len(o.Paths) == 0 {
		o.Paths = []string{"."}
	}
	if o.Root == "" {
		wd, err := os.Getwd()
		if err != nil {
			return o, fmt.Errorf("finding the current directory: %w", err)
		}
		o.Root = wd
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o, nil
}

// parseAll runs the front-ends over everything discovery found and accounts
// for every file.
func parseAll(ctx context.Context, inv *inventory, bounds *boundaries, opts Options) ([]*graph.Unit, []result.File) {
	var (
		mu    sync.Mutex
		units []*graph.Unit
		files = inv.ignored.files()
	)
	record := func(u *graph.Unit, f *result.File) {
		mu.Lock()
		defer mu.Unlock()
		if u != nil {
			units = append(units, u)
		}
		if f != nil {
			files = append(files, *f)
		}
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, opts.Workers)
	for _, path := range inv.structured {
		if ctx.Err() != nil {
			// Stopped: what is left is not read (the scan fails).
			break
		}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			u, f, _ := parseStructured(ctx, path, bounds.of(path), opts)
			record(u, &f)
		}()
	}
	// Terraform modules are loaded together: which directory is a root
	// depends on which others call it.
	var tfUnits []*graph.Unit
	if len(inv.tfDirs) > 0 {
		tfUnits = loadTerraform(ctx, inv.tfDirs, bounds, opts)
	}
	wg.Wait()
	return accountFiles(append(units, tfUnits...), files, &inv.tfFiles)
}

// accountFiles drops the units a whole-scan read leaves out (nested stacks,
// analysed with their parent; a root module a plan in its directory
// describes) and completes the file list: Terraform files by what the
// units read, and files the units read that the walk did not list. Units
// and files come back sorted by path.
func accountFiles(units []*graph.Unit, files []result.File, tfFiles *pathlist.List) ([]*graph.Unit, []result.File) {
	var structured, tfUnits []*graph.Unit
	for _, u := range units {
		if u.Source == graph.SourceTerraform {
			tfUnits = append(tfUnits, u)
		} else {
			structured = append(structured, u)
		}
	}
	units, files = dropNestedStacks(structured, files)
	units = append(units, preferPlans(units, tfUnits)...)
	// A plan reads its configuration's .tf files for locations, so they
	// are accounted for through it when its directory's HCL unit is dropped.
	files = append(files, terraformFiles(tfFiles, units)...)
	files = append(files, unlistedFiles(files, units)...)

	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return units, files
}

// preferPlans drops the HCL analysis of a root module whose directory also
// holds a Terraform plan of it: the plan already has the module's resources,
// with the variables the plan was made with, and locates them in the same
// .tf files; analysing both would report every finding twice.
func preferPlans(units, tfUnits []*graph.Unit) []*graph.Unit {
	planned := map[string]string{}
	for _, u := range units {
		if u.Source == graph.SourceTerraformPlan {
			planned[filepath.Dir(filepath.Clean(u.Path))] = u.Path
		}
	}
	if len(planned) == 0 {
		return tfUnits
	}
	kept := tfUnits[:0]
	for _, u := range tfUnits {
		if _, ok := planned[filepath.Clean(u.Path)]; !ok {
			kept = append(kept, u)
		}
	}
	return kept
}

// parseStructured classifies and parses one YAML/JSON file; boundary is the
// directory its nested stacks or configuration must lie in. unmarked
// reports that the file, read whole, has no inline suppression comment:
// the suppression stage need not read it again.
func parseStructured(ctx context.Context, path, boundary string, opts Options) (u *graph.Unit, f result.File, unmarked bool) {
	return parseStructuredFrom(ctx, path, boundary, opts, nil)
}

// parseStructuredFrom is parseStructured of whole, the content of the file
// at path read inside boundary no larger than a template may be, or of
// what it reads when whole is nil.
func parseStructuredFrom(ctx context.Context, path, boundary string, opts Options, whole []byte) (u *graph.Unit, f result.File, unmarked bool) {
	f = result.File{Path: path}
	defer func() {
		if p := recover(); p != nil {
			u, unmarked = nil, false
			f = result.File{Path: path, Status: result.FileFailed,
				Reason: fmt.Sprintf("internal error while parsing (please report): %v\n%s", p, debug.Stack())}
		}
	}()
	src, truncated := whole, false
	if whole == nil {
		if u, f, big := oversized(path, boundary); big {
			return u, f, false
		}
		var err error
		src, truncated, err = readBounded(path, boundary, maxReadSize)
		if err != nil {
			return nil, result.File{Path: path, Status: result.FileFailed, Reason: fmt.Sprintf("cannot read: %v", err)}, false
		}
	}
	// The suppression stage looks for the marker in the bytes as read.
	unmarked = !truncated && !suppress.HasMarker(src)
	// Windows PowerShell saves text as UTF-16: templates and plans are
	// read in any Unicode encoding. Text that does not decode is left to
	// detection, which says why.
	if text, err := textenc.ToUTF8(src); err == nil {
		src = text
	}
	if mayBePlan(src) && plan.IsPlan(src) {
		if truncated {
			return nil, result.File{Path: path, Status: result.FileFailed, Type: string(graph.SourceTerraformPlan),
				Reason: fmt.Sprintf("plan file is larger than %d MiB", maxReadSize>>20)}, unmarked
		}
		u = plan.Parse(ctx, path, src, plan.Options{Root: boundary})
		return u, unitFile(u, path, graph.SourceTerraformPlan), unmarked
	}
	det := cloudformation.Detect(path, src)
	switch det.Kind {
	case cloudformation.Template:
		u = cloudformation.ParseDetected(ctx, det, path, src, cloudformation.Options{
			Params: opts.CFNParams, ParamFiles: opts.CFNParamFiles, Root: boundary,
		})
		return u, unitFile(u, path, graph.SourceCloudFormation), unmarked
	case cloudformation.BrokenTemplate:
		// The parser reports the syntax error with its line; fall back to
		// the detector's reason should it accept what detection did not.
		u = cloudformation.Parse(ctx, path, src, cloudformation.Options{Root: boundary})
		if !u.Diagnostics.HasErrors() {
			u.Diagnostics.Errorf(graph.Location{File: path, StartLine: 1}, "%s", det.Reason)
		}
		return u, unitFile(u, path, graph.SourceCloudFormation), unmarked
	}
	return nil, result.File{Path: path, Status: result.FileIgnored, Reason: det.Reason}, unmarked
}

// mayBePlan is the cheap test before plan.IsPlan, which tokenizes a whole
// JSON file that is not a plan (most .json files of a repository): a plan
// has the top-level keys "format_version" and "planned_values". A key
// spells a letter or an underscore either as it is or as a \u escape (no
// other escape stands for one), so without "\u" in the file both keys
// appear as written.
func mayBePlan(src []byte) bool {
	return bytes.Contains(src, []byte(`\u`)) ||
		bytes.Contains(src, []byte("planned_values")) && bytes.Contains(src, []byte("format_version"))
}

// oversized decides about a file larger than any template may be without
// reading it whole: only a Terraform plan may be that large. Any other fails
// as too large to analyse (it cannot be checked, and a gate must not pass
// it) unless its beginning shows it is no template
// (cloudformation.DetectOversized); that one is ignored with the reason.
func oversized(path, boundary string) (*graph.Unit, result.File, bool) {
	info, err := os.Stat(path)
	if err != nil || info.Size() <= cloudformation.MaxFileSize {
		return nil, result.File{}, false
	}
	head, _, err := readBounded(path, boundary, 64<<10)
	if err != nil {
		return nil, result.File{Path: path, Status: result.FileFailed, Reason: fmt.Sprintf("cannot read: %v", err)}, true
	}
	if text, err := textenc.ToUTF8(head[:len(head)/4*4]); err == nil &&
		(bytes.Contains(text, []byte(`"format_version"`)) || bytes.Contains(text, []byte(`"planned_values"`))) {
		return nil, result.File{}, false // possibly a plan: read it (up to maxReadSize)
	}
	det := cloudformation.DetectOversized(path, info.Size(), head)
	if det.Kind == cloudformation.NotTemplate {
		return nil, result.File{Path: path, Status: result.FileIgnored, Reason: det.Reason}, true
	}
	u := &graph.Unit{Source: graph.SourceCloudFormation, Path: path, Files: []string{path}}
	u.Diagnostics.Errorf(graph.Location{File: path, StartLine: 1, EndLine: 1}, "%s", det.Reason)
	return u, unitFile(u, path, graph.SourceCloudFormation), true
}

// unitFile accounts for a parsed file: failed when the front-end reported
// an error in it, scanned otherwise.
func unitFile(u *graph.Unit, path string, src graph.Source) result.File {
	f := result.File{Path: path, Status: result.FileScanned, Type: string(src)}
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError {
			f.Status, f.Reason = result.FileFailed, d.Error()
			break
		}
	}
	return f
}

// loadTerraform loads the module directories of each boundary together
// (which directory is a root depends on which others call it); a module in
// one repository cannot call one in another, so nothing is lost by
// splitting them.
func loadTerraform(ctx context.Context, dirs []string, bounds *boundaries, opts Options) []*graph.Unit {
	byBoundary := map[string][]string{}
	var order []string
	for _, d := range dirs {
		b := bounds.of(d)
		if _, ok := byBoundary[b]; !ok {
			order = append(order, b)
		}
		byBoundary[b] = append(byBoundary[b], d)
	}
	var units []*graph.Unit
	for _, b := range order {
		units = append(units, loadTerraformIn(ctx, byBoundary[b], b, opts)...)
	}
	return units
}

// newRootLoader finds the root modules among the module directories of
// one boundary; an internal error fails them as one unit.
func newRootLoader(dirs []string, boundary string, opts Options, read func(path string, src []byte)) (rl *terraform.RootLoader, failed *graph.Unit) {
	defer func() {
		if p := recover(); p != nil {
			rl, failed = nil, &graph.Unit{Source: graph.SourceTerraform, Path: dirs[0]}
			failed.Diagnostics.Errorf(graph.Location{File: dirs[0]},
				"internal error while loading Terraform modules (please report): %v", p)
		}
	}()
	return terraform.NewRootLoader(dirs, terraform.Options{Args: opts.VarArgs, Env: opts.Env, Root: boundary, Read: read}), nil
}

// loadRoot loads one root module; an internal error fails it alone.
func loadRoot(ctx context.Context, rl *terraform.RootLoader, dir string) (u *graph.Unit) {
	defer func() {
		if p := recover(); p != nil {
			u = &graph.Unit{Source: graph.SourceTerraform, Path: dir}
			u.Diagnostics.Errorf(graph.Location{File: dir},
				"internal error while loading Terraform modules (please report): %v", p)
		}
	}()
	return rl.Load(ctx, dir)
}

func loadTerraformIn(ctx context.Context, dirs []string, boundary string, opts Options) (units []*graph.Unit) {
	defer func() {
		if p := recover(); p != nil {
			u := &graph.Unit{Source: graph.SourceTerraform, Path: dirs[0]}
			u.Diagnostics.Errorf(graph.Location{File: dirs[0]},
				"internal error while loading Terraform modules (please report): %v", p)
			units = []*graph.Unit{u}
		}
	}()
	return terraform.LoadModules(ctx, dirs, terraform.Options{
		Args: opts.VarArgs, Env: opts.Env, Root: boundary,
	})
}

// terraformFiles accounts for every Terraform file discovery found: failed
// when a diagnostic error names it, scanned when a unit read it, and ignored
// otherwise (a .tfvars file beside no module).
func terraformFiles(paths *pathlist.List, units []*graph.Unit) []result.File {
	read := map[string]graph.Source{}
	failed := map[string]string{}
	for _, u := range units {
		for _, f := range u.Files {
			read[filepath.Clean(f)] = u.Source
		}
		for _, d := range u.Diagnostics {
			if f := failedFile(d); d.Severity == graph.SeverityError && f != "" {
				if _, ok := failed[filepath.Clean(f)]; !ok {
					failed[filepath.Clean(f)] = d.Error()
				}
			}
		}
	}
	out := make([]result.File, 0, paths.Len())
	for i := range paths.Len() {
		p := paths.At(i)
		c := filepath.Clean(p)
		switch {
		case failed[c] != "":
			out = append(out, result.File{Path: p, Status: result.FileFailed, Type: string(graph.SourceTerraform), Reason: failed[c]})
		case read[c] != "":
			out = append(out, result.File{Path: p, Status: result.FileScanned, Type: string(graph.SourceTerraform)})
		default:
			out = append(out, result.File{Path: p, Status: result.FileIgnored,
				Reason: "not read by any scanned module (variable files are read with the module beside them or with --var-file)"})
		}
	}
	return out
}

// unlistedFiles accounts for the files a unit read that the walk did not
// list: a module or nested template outside the scan paths, a module under
// a symbolic link to a directory (which the walk does not follow), a
// --var-file. The file list says what was read, wherever it was.
func unlistedFiles(listed []result.File, units []*graph.Unit) []result.File {
	seen := map[string]bool{}
	for _, f := range listed {
		seen[filepath.Clean(f.Path)] = true
	}
	failed := map[string]string{}
	for _, u := range units {
		for _, d := range u.Diagnostics {
			if d.Severity == graph.SeverityError && d.Location.File != "" {
				if c := filepath.Clean(d.Location.File); failed[c] == "" {
					failed[c] = d.Error()
				}
			}
		}
	}
	var out []result.File
	for _, u := range units {
		for _, p := range u.Files {
			c := filepath.Clean(p)
			if seen[c] {
				continue
			}
			seen[c] = true
			f := result.File{Path: p, Status: result.FileScanned, Type: string(u.Source), Reason: "read with " + unitName(u)}
			if reason := failed[c]; reason != "" {
				f.Status, f.Reason = result.FileFailed, reason
			}
			out = append(out, f)
		}
	}
	return out
}

// unitName says what a unit is, for a file's reason.
func unitName(u *graph.Unit) string {
	switch u.Source {
	case graph.SourceTerraform:
		return "the Terraform root module " + u.Path
	case graph.SourceTerraformPlan:
		return "the Terraform plan " + u.Path
	}
	return "the template " + u.Path
}

// failedFile is the file an error marks failed: the file it is in or, for
// an error inside a Terraform child module instance, the root module file
// with the outermost call leading there, since other calls of the same
// module may evaluate it fine.
func failedFile(d graph.Diagnostic) string {
	if len(d.CalledAt) > 0 {
		return d.CalledAt[0].File
	}
	return d.Location.File
}

func sortDiagnostics(ds []graph.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Location, ds[j].Location
		if a.File != b.File {
			return a.File < b.File
		}
		return a.StartLine < b.StartLine
	})
}

// ruleErrors turns the engine's per-rule evaluation errors into error
// diagnostics located at the rule's policy file.
func ruleErrors(err error) graph.Diagnostics {
	if err == nil {
		return nil
	}
	var errs []error
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	} else {
		errs = []error{err}
	}
	var out graph.Diagnostics
	for _, e := range errs {
		var re *engine.RuleError
		if errors.As(e, &re) {
			out = append(out, graph.Diagnostic{Severity: graph.SeverityError,
				Summary:  fmt.Sprintf("rule %s could not be evaluated", re.RuleID),
				Detail:   re.Err.Error(),
				Location: graph.Location{File: re.File}})
			continue
		}
		out = append(out, graph.Diagnostic{Severity: graph.SeverityError,
			Summary: "policy evaluation failed", Detail: e.Error()})
	}
	return out
}
