package engine

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/rampart-iac/rampart/policies"
)

// TestResult is the outcome of one Rego unit test.
type TestResult = tester.Result

// CoverageReport is OPA's line coverage of the policies the tests ran.
type CoverageReport = cover.Report

// TestOptions configure a policy test run.
type TestOptions struct {
	// Coverage records which lines of the policies the tests evaluated.
	Coverage bool
}

// TestRun is what a policy test run produced.
type TestRun struct {
	Results []*TestResult // sorted by package and name
	// Coverage, with TestOptions.Coverage, covers the user's policy files,
	// or the built-in ones when no directory was given.
	Coverage *CoverageReport
}

// RunPolicyTests runs the Rego unit tests (test_* rules) of the embedded
// policies and of dirs, the way `rampart policy test` does: with the same
// sandboxed capabilities as a scan, so a test cannot pass by calling a
// built-in that scans forbid. Results are sorted by package and name.
func RunPolicyTests(ctx context.Context, dirs []string) ([]*TestResult, error) {
	run, err := RunPolicyTestsWith(ctx, dirs, TestOptions{})
	if err != nil {
		return nil, err
	}
	return run.Results, nil
}

// RunPolicyTestsWith is RunPolicyTests with options.
func RunPolicyTestsWith(ctx context.Context, dirs []string, opts TestOptions) (*TestRun, error) {
	builtinSrcs, err := readFS(policies.FS, true)
	if err != nil {
		return nil, err
	}
	userSrcs, err := readDirs(dirs, true)
	if err != nil {
		return nil, err
	}
	mods, err := parse(append(builtinSrcs, userSrcs...))
	if err != nil {
		return nil, err
	}
	// The rules must load as a scan loads them: a test run must not pass
	// with METADATA a scan rejects.
	builtin := make(map[string]bool, len(builtinSrcs))
	for _, s := range builtinSrcs {
		builtin[s.name] = true
	}
	if _, err := collectRules(mods, builtin, kindsOf(nil)); err != nil {
		return nil, err
	}
	compiler := newCompiler().WithSchemas(inputSchemas()).WithEnablePrintStatements(true)
	runner := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(inmem.New()).
		CapturePrintOutput(true).
		SetModules(mods)
	var cov *cover.Cover
	if opts.Coverage {
		cov = cover.New()
		runner = runner.SetCoverageQueryTracer(cov)
	}
	ch, err := runner.RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", explainASTErrors(err))
	}
	run := &TestRun{}
	for r := range ch {
		run.Results = append(run.Results, r)
	}
	sort.Slice(run.Results, func(i, j int) bool {
		a, b := run.Results[i], run.Results[j]
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Name < b.Name
	})
	if cov != nil {
		run.Coverage = coverageOf(cov, coveredModules(mods, builtinSrcs, userSrcs))
	}
	return run, nil
}

// coverageOf is the coverage report of mods alone: OPA's report also lists
// every other file the tests evaluated (the built-in libraries, the tests
// themselves), which would make the total meaningless.
func coverageOf(cov *cover.Cover, mods map[string]*ast.Module) *CoverageReport {
	report := cov.Report(mods)
	covered, notCovered := 0, 0
	for name, f := range report.Files {
		if mods[name] == nil {
			delete(report.Files, name)
			continue
		}
		covered += f.CoveredLines
		notCovered += f.NotCoveredLines
	}
	report.CoveredLines, report.NotCoveredLines, report.Coverage = covered, notCovered, 0
	if total := covered + notCovered; total > 0 {
		report.Coverage = 100 * float64(covered) / float64(total)
	}
	return &report
}

// coveredModules are the modules a coverage report is about: the user's
// rules and libraries (not their tests), or the built-in ones when the run
// has no user policy.
func coveredModules(mods map[string]*ast.Module, builtinSrcs, userSrcs []source) map[string]*ast.Module {
	srcs := userSrcs
	if len(srcs) == 0 {
		srcs = builtinSrcs
	}
	out := map[string]*ast.Module{}
	for _, s := range srcs {
		if m := mods[s.name]; m != nil && !isTestFile(s.name) {
			out[s.name] = m
		}
	}
	return out
}
