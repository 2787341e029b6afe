package analyzer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/panics"
)

// stages are the steps of a scan after reading that run over every unit:
// an internal bug (a panic) in one of them fails the unit it happened in,
// and every other unit is still reported. Scan uses the real steps; tests
// pass faulty ones to check that isolation.
type stages struct {
	normalize normalizer
	// evaluate is nil for the engine's own Evaluate.
	evaluate func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error)
	// released, when set, is told of each unit once the scan no longer
	// holds its graph (tests count them).
	released func(*graph.Unit)
	// loading, when set, is told when a Terraform root starts loading
	// (+1) and when it is loaded (-1) (tests count the loads at once).
	loading func(delta int)
}

func (st stages) withDefaults(eng *engine.Engine) stages {
	if st.normalize == nil {
		st.normalize = aws.NormalizeWith(onDemandKinds(eng)...)
	}
	if eng.ReadsByType() {
		st.normalize = withNativeOnly(st.normalize)
	}
	if st.evaluate == nil {
		st.evaluate = eng.Evaluate
	}
	return st
}

// normalizer maps one unit's native resources to canonical ones, with
// what it found wrong or doubtful on the way (aws.Normalize).
type normalizer func(context.Context, *graph.Unit) ([]*graph.Canonical, graph.Diagnostics)

// unitResources are the canonical resources of one unit, and the
// normalizer's diagnostics about it.
type unitResources struct {
	unit  *graph.Unit
	canon []*graph.Canonical
	diags graph.Diagnostics
}

// unitFailure is a unit an internal error failed, with the error.
type unitFailure struct {
	unit *graph.Unit
	diag graph.Diagnostic
}

// normalizeUnits maps each unit's resources on its own, so a panic in a
// normalizer fails only that unit.
func normalizeUnits(ctx context.Context, units []*graph.Unit, normalize normalizer) ([]unitResources, []unitFailure) {
	var out []unitResources
	var failures []unitFailure
	for _, u := range units {
		if ctx.Err() != nil {
			break // stopped: the caller fails the run
		}
		canon, diags, err := normalizeUnit(ctx, u, normalize)
		if err != nil {
			failures = append(failures, internalFailure(u, "normalizing its resources", err))
			continue
		}
		out = append(out, unitResources{unit: u, canon: canon, diags: diags})
	}
	return out, failures
}

func normalizeUnit(ctx context.Context, u *graph.Unit, normalize normalizer) (canon []*graph.Canonical, diags graph.Diagnostics, err error) {
	defer func() {
		if p := recover(); p != nil {
			canon, diags, err = nil, nil, &engine.InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	canon, diags = normalize(ctx, u)
	return canon, diags, nil
}

// batchResources is about how many resources one evaluation takes: units
// are evaluated in batches of about this size (a larger unit alone), so
// the policy input, and the memory evaluating it takes, is bounded by the
// batch, not by the scan, while a repository of small templates still
// pays each rule's fixed cost of an evaluation once per batch, not once
// per template.
const batchResources = 1000

// evaluateUnits evaluates the policies over batches of whole units,
// workers batches at a time, and merges the results in the engine's
// order. Rules see the resources of the units of a batch; a unit's
// references never leave it, so that is what they would see scanning
// each unit alone (account-scope rules, which reason over the whole scan,
// run apart). An internal error in a batch has its units evaluated one by
// one: it fails only the unit that causes it, and the others are
// reported as if nothing happened. A nil Output is a failure of the whole
// evaluation (a cancelled context, a rule that does not compile).
func evaluateUnits(ctx context.Context, evaluate func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error), byUnit []unitResources, diags graph.Diagnostics, workers int) (*engine.Output, []unitFailure, error) {
	batches := batchUnits(byUnit, batchResources)
	results := make([][]evaluated, len(batches))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, len(batches))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range jobs {
				results[b] = evaluateBatch(ctx, evaluate, batches[b], diags)
			}
		}()
	}
feed:
	for b := range batches {
		select {
		case jobs <- b:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("evaluate policies: %w", err)
	}

	return mergeEvaluated(results)
}

// mergeEvaluated merges the results of the batches, in batch order, into
// one Output in the engine's order, the units an internal error failed,
// and the rules that could not be evaluated (each once). A nil Output is a
// failure of the whole evaluation.
func mergeEvaluated(results [][]evaluated) (*engine.Output, []unitFailure, error) {
	merged := &engine.Output{Findings: []result.Finding{}, Undecided: []result.Undecided{}, Passed: []result.Check{}}
	var failures []unitFailure
	var errs []error
	seen := map[string]bool{}
	for _, rs := range results {
		for _, r := range rs {
			out := r.output()
			var ie *engine.InternalError
			switch {
			case errors.As(r.err, &ie):
				failures = append(failures, internalFailure(r.units[0].unit, "evaluating the policies", ie))
			case out == nil:
				// The policies could not be evaluated at all (a rule
				// that does not compile): the scan fails.
				return nil, nil, r.err
			default:
				for _, e := range unjoin(r.err) {
					// A rule that fails on every unit is reported once.
					if !seen[e.Error()] {
						seen[e.Error()] = true
						errs = append(errs, e)
					}
				}
			}
			if out == nil {
				continue
			}
			merged.Findings = append(merged.Findings, out.Findings...)
			merged.Undecided = append(merged.Undecided, out.Undecided...)
			merged.Passed = append(merged.Passed, out.Passed...)
		}
	}
	// Each evaluation's results are in the engine's order; so are all.
	merged.Merge(&engine.Output{})
	return merged, failures, errors.Join(errs...)
}

// evaluated is one evaluation of the policies over some units.
type evaluated struct {
	units []unitResources
	out   *engine.Output
	// packed holds out's results once the scan keeps them for its
	// report (out is then nil): see packOutput.
	packed *packedOutput
	err    error
}

// output is the evaluation's results, unpacked if they were packed; nil
// when the policies could not be evaluated.
func (r evaluated) output() *engine.Output {
	if r.packed != nil {
		return r.packed.unpack()
	}
	return r.out
}

// batchUnits splits units, in order, into batches of about size
// resources.
func batchUnits(units []unitResources, size int) [][]unitResources {
	var out [][]unitResources
	start, n := 0, 0
	for i, ur := range units {
		if i > start && n+len(ur.canon) > size {
			out = append(out, units[start:i])
			start, n = i, 0
		}
		n += len(ur.canon)
	}
	if start < len(units) {
		out = append(out, units[start:])
	}
	return out
}

// evaluateBatch evaluates the units of a batch together or, should that
// hit an internal error, one by one.
func evaluateBatch(ctx context.Context, evaluate func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error), batch []unitResources, diags graph.Diagnostics) []evaluated {
	var canon []*graph.Canonical
	for _, ur := range batch {
		canon = append(canon, ur.canon...)
	}
	out, err := evaluateRecovering(ctx, evaluate, canon, diags)
	var ie *engine.InternalError
	if len(batch) == 1 || !errors.As(err, &ie) {
		return []evaluated{{units: batch, out: out, err: err}}
	}
	each := make([]evaluated, len(batch))
	for i := range batch {
		o, err := evaluateRecovering(ctx, evaluate, batch[i].canon, diags)
		each[i] = evaluated{units: batch[i : i+1], out: o, err: err}
	}
	return each
}

func evaluateRecovering(ctx context.Context, evaluate func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error), canon []*graph.Canonical, diags graph.Diagnostics) (out *engine.Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &engine.InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	return evaluate(ctx, canon, diags)
}

func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		return joined.Unwrap()
	}
	return []error{err}
}

// internalFailure is the error diagnostic of a unit an internal error
// failed, located at the unit's file (its directory for a Terraform module).
func internalFailure(u *graph.Unit, while string, err error) unitFailure {
	detail := err.Error()
	var ie *engine.InternalError
	if errors.As(err, &ie) {
		detail = panics.Describe(ie.Value, ie.Stack)
	}
	return unitFailure{unit: u, diag: graph.Diagnostic{
		Severity: graph.SeverityError,
		Summary:  "internal error while " + while + " (please report); the unit was not fully analysed",
		Detail:   detail,
		Location: graph.Location{File: u.Path},
	}}
}

// failUnitFiles marks the files of units an internal error failed as
// failed, so the file list does not call them scanned.
func failUnitFiles(files []result.File, failures []unitFailure) {
	reasons := map[string]string{}
	for _, f := range failures {
		paths := f.unit.Files
		if len(paths) == 0 {
			paths = []string{f.unit.Path}
		}
		for _, p := range paths {
			if _, ok := reasons[filepath.Clean(p)]; !ok {
				reasons[filepath.Clean(p)] = f.diag.Error()
			}
		}
	}
	for i, f := range files {
		if reason, ok := reasons[filepath.Clean(f.Path)]; ok && f.Status == result.FileScanned {
			files[i].Status, files[i].Reason = result.FileFailed, reason
		}
	}
}
