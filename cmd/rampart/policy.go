package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/engine"
)

func (a *app) policyCommand() *cobra.Command {
	policy := &cobra.Command{
		Use:   "policy",
		Short: "Write and test Rego policies",
	}
	policy.AddCommand(a.policyTestCommand(), a.policyNewCommand())
	return policy
}

func (a *app) policyTestCommand() *cobra.Command {
	var (
		verbose, coverage bool
		format, fixtures  string
	)
	test := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in policies and of DIR (user policies)",
		Long: `Runs every test_* rule of the built-in policies and of the given policy
directories (or bundles; without DIR, the policy_dirs of .rampart.yaml), with
the same sandbox as a scan. With --fixtures DIR,
also scans every fixture of DIR/<RULE-ID>/ with that rule alone and checks the
lines marked "# expect: <RULE-ID>" and "# undecided: <RULE-ID>"
(docs/writing-policies.md, "Testing"). Exits 0 when everything passes, 1 when a
test or a fixture fails, 2 when the policies do not load.`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			if format != "text" && format != "json" {
				return usagef("--format %q: want text or json", format)
			}
			if len(dirs) == 0 {
				// The policies a scan from here would load.
				s, err := a.loadSettings(cmd.Flags(), ".")
				if err != nil {
					return err
				}
				dirs = s.PolicyDirs
			}
			run, err := a.testPolicies(cmd.Context(), dirs, engine.TestOptions{Coverage: coverage})
			if err != nil {
				return err
			}
			var fx []analyzer.FixtureResult
			if fixtures != "" {
				if fx, err = analyzer.RunFixtures(cmd.Context(), analyzer.FixtureOptions{Dir: fixtures, PolicyDirs: dirs}); err != nil {
					return err
				}
			}
			report := newPolicyTestReport(run, fx)
			if format == "json" {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(report); err != nil {
					return fmt.Errorf("writing the report: %w", err)
				}
			} else {
				// Test names, errors and print output come from the policies.
				report.writeText(escapingWriter{w: a.stdout, keepLines: true}, verbose)
			}
			if report.Failed > 0 {
				return exitCodeError{exitFindings}
			}
			return nil
		},
	}
	test.Flags().BoolVarP(&verbose, "verbose", "v", false, "list passing tests and fixtures too")
	test.Flags().BoolVar(&coverage, "coverage", false, "report which lines of the policies the tests evaluated")
	test.Flags().StringVar(&format, "format", "text", "report format: text or json")
	test.Flags().StringVar(&fixtures, "fixtures", "", "also check the fixtures under `DIR`/<RULE-ID>/")
	test.Flags().String("config", "", "configuration `FILE` whose policy_dirs to test when no DIR is given (default: .rampart.yaml found from the current directory up)")
	return test
}

// policyTestReport is the outcome of `rampart policy test`, and its JSON
// form.
type policyTestReport struct {
	Passed   int                      `json:"passed"`
	Failed   int                      `json:"failed"`
	Tests    []policyTestJSON         `json:"tests"`
	Fixtures []analyzer.FixtureResult `json:"fixtures,omitempty"`
	Coverage *coverageJSON            `json:"coverage,omitempty"`
}

type policyTestJSON struct {
	Package  string `json:"package"`
	Name     string `json:"name"`
	Location string `json:"location"`
	Result   string `json:"result"` // pass, fail, error
	Error    string `json:"error,omitempty"`
	Output   string `json:"output,omitempty"`
	Duration int64  `json:"duration_ns"`
}

type coverageJSON struct {
	Coverage float64            `json:"coverage"`
	Files    []coverageFileJSON `json:"files"`
}

type coverageFileJSON struct {
	File       string   `json:"file"`
	Coverage   float64  `json:"coverage"`
	NotCovered []string `json:"not_covered,omitempty"` // line ranges, "12" or "12-14"
}

func newPolicyTestReport(run *analyzer.PolicyTestRun, fixtures []analyzer.FixtureResult) *policyTestReport {
	r := &policyTestReport{Tests: []policyTestJSON{}, Fixtures: fixtures}
	for _, t := range run.Results {
		j := policyTestJSON{Package: t.Package, Name: t.Name, Result: "pass", Output: string(t.Output), Duration: int64(t.Duration)}
		if t.Location != nil {
			j.Location = fmt.Sprintf("%s:%d", t.Location.File, t.Location.Row)
		}
		switch {
		case t.Error != nil:
			j.Result, j.Error = "error", t.Error.Error()
		case t.Fail:
			j.Result = "fail"
		}
		if j.Result == "pass" {
			r.Passed++
		} else {
			r.Failed++
		}
		r.Tests = append(r.Tests, j)
	}
	for _, f := range fixtures {
		if f.Passed() {
			r.Passed++
		} else {
			r.Failed++
		}
	}
	if c := run.Coverage; c != nil {
		cj := &coverageJSON{Coverage: c.Coverage, Files: []coverageFileJSON{}}
		for name, f := range c.Files {
			fj := coverageFileJSON{File: name, Coverage: f.Coverage}
			for _, rng := range f.NotCovered {
				if rng.Start.Row == rng.End.Row {
					fj.NotCovered = append(fj.NotCovered, fmt.Sprint(rng.Start.Row))
				} else {
					fj.NotCovered = append(fj.NotCovered, fmt.Sprintf("%d-%d", rng.Start.Row, rng.End.Row))
				}
			}
			cj.Files = append(cj.Files, fj)
		}
		sort.Slice(cj.Files, func(i, j int) bool { return cj.Files[i].File < cj.Files[j].File })
		r.Coverage = cj
	}
	return r
}

func (r *policyTestReport) writeText(out io.Writer, verbose bool) {
	for _, t := range r.Tests {
		name := t.Package + "." + t.Name
		switch t.Result {
		case "error":
			fmt.Fprintf(out, "ERROR %s (%s): %s\n", name, t.Location, t.Error)
		case "fail":
			fmt.Fprintf(out, "FAIL  %s (%s)\n", name, t.Location)
		default:
			if verbose {
				fmt.Fprintf(out, "PASS  %s (%s)\n", name, time.Duration(t.Duration).Round(time.Microsecond))
			}
		}
		if t.Result != "pass" && t.Output != "" {
			fmt.Fprint(out, t.Output)
		}
	}
	for _, f := range r.Fixtures {
		if f.Passed() {
			if verbose {
				fmt.Fprintf(out, "PASS  fixture %s %s (%d findings, %d undecided)\n", f.Rule, f.Fixture, f.Findings, f.Undecideds)
			}
			continue
		}
		fmt.Fprintf(out, "FAIL  fixture %s %s\n", f.Rule, f.Fixture)
		lines := func(what string, at []string) {
			for _, l := range at {
				fmt.Fprintf(out, "      %s at %s\n", what, l)
			}
		}
		lines("expected finding not reported", f.MissingFindings)
		lines("finding not marked # expect: "+f.Rule, f.UnexpectedFindings)
		lines("expected undecided result not reported", f.MissingUndecided)
		lines("undecided result not marked # undecided: "+f.Rule, f.UnexpectedUndecided)
		for _, p := range f.Problems {
			fmt.Fprintf(out, "      %s\n", p)
		}
	}
	if c := r.Coverage; c != nil {
		for _, f := range c.Files {
			fmt.Fprintf(out, "coverage %5.1f%%  %s", f.Coverage, f.File)
			if len(f.NotCovered) > 0 {
				fmt.Fprintf(out, "  (not covered: lines %s)", strings.Join(f.NotCovered, ", "))
			}
			fmt.Fprintln(out)
		}
		fmt.Fprintf(out, "coverage %5.1f%% in total\n", c.Coverage)
	}
	fmt.Fprintf(out, "%d passed, %d failed\n", r.Passed, r.Failed)
}
