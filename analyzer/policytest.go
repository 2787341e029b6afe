package analyzer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// PolicyTestResult is the outcome of one Rego unit test (a test_* rule).
type PolicyTestResult = engine.TestResult

// PolicyTestRun is what a Rego unit test run produced.
type PolicyTestRun = engine.TestRun

// TestPolicies runs the Rego unit tests of the built-in policies and of the
// given directories, with the same sandbox as a scan.
func TestPolicies(ctx context.Context, dirs []string) ([]*PolicyTestResult, error) {
	run, err := RunPolicyTests(ctx, dirs, engine.TestOptions{})
	if err != nil {
		return nil, err
	}
	return run.Results, nil
}

// RunPolicyTests is TestPolicies with options (coverage).
func RunPolicyTests(ctx context.Context, dirs []string, opts engine.TestOptions) (*PolicyTestRun, error) {
	run, err := engine.RunPolicyTestsWith(ctx, dirs, opts)
	if err != nil {
		return nil, fmt.Errorf("running policy tests: %w", err)
	}
	return run, nil
}

// Fixture markers, the convention of rampart's own rule fixtures
// (testdata/rules, docs/writing-policies.md "Testing"): "# expect: ID, ID"
// or "// expect: ID" at the end of a line where a finding must be
// reported, "# undecided: ID" where an undecided result must be.
var (
	fixtureExpectMarker    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:#|//)\s*expect:\s*([A-Za-z0-9_, -]+?)\s*$`) })
	fixtureUndecidedMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:#|//)\s*undecided:\s*([A-Za-z0-9_, -]+?)\s*$`) })
)

// Files of a rule's fixture directory that are not fixtures.
const (
	fixtureExpectFile = "expect.json"
	fixtureConfigFile = "rule_config.json"
)

// FixtureResult is one fixture of one rule: the lines ("file:line") where
// its markers expect a finding or an undecided result that the scan did
// not report (Missing...), and those it reported that no marker names
// (Unexpected...). Problems are what else went wrong: a template that does
// not parse, a failing fixture that expects nothing.
type FixtureResult struct {
	Rule                 string   `json:"rule"`
	Fixture              string   `json:"fixture"`
	MissingFindings      []string `json:"missing_findings,omitempty"`
	UnexpectedFindings   []string `json:"unexpected_findings,omitempty"`
	MissingUndecided     []string `json:"missing_undecided,omitempty"`
	UnexpectedUndecided  []string `json:"unexpected_undecided,omitempty"`
	Problems             []string `json:"problems,omitempty"`
	Findings, Undecideds int      `json:"-"`
}

// Passed reports whether the fixture gave exactly what its markers expect.
func (r FixtureResult) Passed() bool {
	return len(r.MissingFindings)+len(r.UnexpectedFindings)+len(r.MissingUndecided)+len(r.UnexpectedUndecided)+len(r.Problems) == 0
}

// FixtureOptions say where the fixtures and the policies are.
type FixtureOptions struct {
	// Dir holds one directory per rule, named by its ID, each holding
	// fixtures: a CloudFormation template file, or a Terraform module
	// directory, with markers; expect.json and rule_config.json as in
	// testdata/rules.
	Dir        string
	PolicyDirs []string
}

// RunFixtures scans every fixture of opts.Dir with its rule alone and
// compares the results with the markers. A directory named after no
// loaded rule is an error: a misspelled ID must not pass by testing
// nothing.
func RunFixtures(ctx context.Context, opts FixtureOptions) ([]FixtureResult, error) {
	entries, err := os.ReadDir(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	var out []FixtureResult
	ran := 0
	for _, rd := range entries {
		if !rd.IsDir() || strings.HasPrefix(rd.Name(), ".") {
			continue
		}
		res, err := ruleFixtures(ctx, opts, rd.Name())
		if err != nil {
			return nil, err
		}
		ran++
		out = append(out, res...)
	}
	if ran == 0 {
		return nil, fmt.Errorf("fixtures: %s has no directory named after a rule ID", opts.Dir)
	}
	return out, nil
}

// ruleFixtures runs the fixtures of one rule, on an engine with that rule
// alone (and its rule_config.json).
func ruleFixtures(ctx context.Context, opts FixtureOptions, ruleID string) ([]FixtureResult, error) {
	dir := filepath.Join(opts.Dir, ruleID)
	cfg, err := readFixtureJSON[map[string]any](filepath.Join(dir, fixtureConfigFile))
	if err != nil {
		return nil, err
	}
	fromJSON, err := readFixtureJSON[map[string][]fixtureExpectation](filepath.Join(dir, fixtureExpectFile))
	if err != nil {
		return nil, err
	}
	eng, err := engine.New(ctx, engine.Options{PolicyDirs: opts.PolicyDirs, Rules: []string{ruleID}, Config: cfg, Workers: 1})
	if err != nil {
		return nil, fmt.Errorf("fixtures %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("fixtures: %w", err)
	}
	var out []FixtureResult
	for _, e := range entries {
		name := e.Name()
		if name == fixtureExpectFile || name == fixtureConfigFile || strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".md") {
			continue
		}
		r, err := runFixture(ctx, eng, ruleID, filepath.Join(dir, name), fromJSON[name])
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func runFixture(ctx context.Context, eng *engine.Engine, ruleID, path string, fromJSON []fixtureExpectation) (FixtureResult, error) {
	r := FixtureResult{Rule: ruleID, Fixture: path}
	want, err := fixtureMarkers(path, ruleID, fixtureExpectMarker(), fromJSON, false)
	if err != nil {
		return r, err
	}
	wantUndecided, err := fixtureMarkers(path, ruleID, fixtureUndecidedMarker(), fromJSON, true)
	if err != nil {
		return r, err
	}
	res, err := Scan(ctx, Options{Paths: []string{path}, Engine: eng, Workers: 1})
	if err != nil {
		return r, fmt.Errorf("fixture %s: %w", path, err)
	}
	for _, d := range res.Errors {
		r.Problems = append(r.Problems, "does not scan: "+d.Error())
	}
	got, gotUndecided := ruleResultLines(res, ruleID)
	r.Findings, r.Undecideds = len(got), len(gotUndecided)
	r.MissingFindings, r.UnexpectedFindings = difference(want, got), difference(got, want)
	r.MissingUndecided, r.UnexpectedUndecided = difference(wantUndecided, gotUndecided), difference(gotUndecided, wantUndecided)
	base := filepath.Base(path)
	if strings.Contains(base, "fail") && len(want) == 0 {
		r.Problems = append(r.Problems, "a failing fixture (its name says fail) marks no line with # expect: "+ruleID)
	}
	if strings.Contains(base, "pass") && len(want) != 0 {
		r.Problems = append(r.Problems, "a passing fixture (its name says pass) marks lines with # expect: "+ruleID)
	}
	return r, nil
}

// difference lists the elements of a not in b, counting duplicates.
func difference(a, b []string) []string {
	left := map[string]int{}
	for _, s := range b {
		left[s]++
	}
	var out []string
	for _, s := range a {
		if left[s] > 0 {
			left[s]--
			continue
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// ruleResultLines lists "file:line" of ruleID's findings and of its
// undecided results in res, the form fixture markers are read into.
func ruleResultLines(res *Result, ruleID string) (findings, undecided []string) {
	for _, f := range res.Findings {
		if f.RuleID == ruleID {
			findings = append(findings, fmt.Sprintf("%s:%d", filepath.Clean(f.Location.File), f.Location.StartLine))
		}
	}
	for _, u := range res.Undecided {
		if u.RuleID == ruleID {
			undecided = append(undecided, fmt.Sprintf("%s:%d", filepath.Clean(u.Location.File), u.Location.StartLine))
		}
	}
	return findings, undecided
}

// fixtureExpectation is an entry of expect.json (JSON templates cannot hold
// comments): a finding of rule at line, or an undecided result.
type fixtureExpectation struct {
	Rule      string `json:"rule"`
	Line      int    `json:"line"`
	Undecided bool   `json:"undecided,omitempty"`
}

// fixtureMarkers collects "file:line" for every marker naming ruleID in
// the fixture (every file of a directory fixture) and for the expect.json
// entries of the same sort.
func fixtureMarkers(path, ruleID string, marker *regexp.Regexp, fromJSON []fixtureExpectation, undecided bool) ([]string, error) {
	var out []string
	for _, e := range fromJSON {
		if strings.EqualFold(e.Rule, ruleID) && e.Undecided == undecided {
			out = append(out, fmt.Sprintf("%s:%d", filepath.Clean(path), e.Line))
		}
	}
	err := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			m := marker.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, id := range strings.Split(m[1], ",") {
				if strings.EqualFold(strings.TrimSpace(id), ruleID) {
					out = append(out, fmt.Sprintf("%s:%d", filepath.Clean(p), i+1))
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w", path, err)
	}
	sort.Strings(out)
	return out, nil
}

// readFixtureJSON decodes an optional JSON file of a fixture directory;
// a missing one is the zero value.
func readFixtureJSON[T any](path string) (T, error) {
	var v T
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	}
	if err != nil {
		return v, fmt.Errorf("fixtures: %w", err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("fixtures: %s: %w", path, err)
	}
	return v, nil
}
