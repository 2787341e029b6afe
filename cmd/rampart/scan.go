package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func (a *app) scanCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scan [PATH...]",
		Short: "Scan templates and report findings",
		Long: `Scan CloudFormation templates and Terraform modules under each PATH
(default ".") and report the findings.

A FILE among the paths (what a pre-commit hook passes) is checked in context
and only the findings it bears on are reported: a .tf file's module through
the root modules of the repository that call it, terraform.tfvars or
*.auto.tfvars with the root module beside it, a template with its nested
stacks and the templates that nest it. Other files are listed as ignored
(docs/integrations.md).

Every flag can also be set with a RAMPART_* environment variable named after
it (--fail-on is RAMPART_FAIL_ON; lists are comma-separated) and in
.rampart.yaml (except --root: a file inside the repository must not widen what
rampart reads); flags win over the environment, the environment over the file.`,
		Example: `  rampart scan
  rampart scan terraform/ --fail-on HIGH
  rampart scan --format json --output rampart.json
  rampart scan --output-format sarif=rampart.sarif --output-format junit=rampart.xml
  rampart scan cloudformation/app.yaml --cfn-param Environment=staging --skip-rule AWS-SG-012
  rampart scan --write-baseline rampart-baseline.json
  rampart scan --baseline rampart-baseline.json`,
		RunE: a.runScan,
	}
	f := cmd.Flags()
	f.Var(&formatValue{name: "text"}, "format", formatHelp())
	f.StringP("output", "o", "", "write the report to `FILE` instead of stdout")
	f.StringArray("output-format", nil, "also write a report in another format to a file, `FORMAT=FILE` (repeatable; e.g. sarif=rampart.sarif)")
	f.Var(&severityValue{sev: result.SeverityLow}, "fail-on", "lowest severity that fails the run: LOW, MEDIUM, HIGH or CRITICAL")
	f.String("config", "", "configuration `FILE` (default: .rampart.yaml found from the first PATH up to the repository root)")
	addRootFlag(f)
	f.StringArray("policy-dir", nil, "extra Rego policy `DIR` (repeatable)")
	f.StringSlice("rule", nil, "run only this rule `ID` or name (repeatable, comma-separated)")
	f.StringSlice("skip-rule", nil, "skip this rule `ID` or name (repeatable, comma-separated)")
	f.StringSlice("profile", nil, "enable the opt-in rule profile `NAME` (repeatable)")
	addVarFlags(f)
	f.StringArray("cfn-param", nil, "CloudFormation parameter `k=v` (repeatable)")
	f.StringArray("cfn-param-file", nil, "CloudFormation parameters `FILE` (repeatable)")
	f.StringArray("exclude", nil, "skip paths matching `GLOB` (repeatable)")
	addBaselineFlags(f)
	f.Var(&onUnknownValue{v: config.OnUnknownPass}, "on-unknown", "undecided checks (a value unknown until deploy): pass ignores them, warn lists them, fail fails the run")
	f.Bool("no-color", false, "never color the text report (also: NO_COLOR)")
	f.BoolP("verbose", "v", false, "list ignored files and undecided checks")
	f.SortFlags = false
	return cmd
}

func (a *app) runScan(cmd *cobra.Command, args []string) error {
	paths, err := scanPaths(args)
	if err != nil {
		return err
	}
	s, err := a.loadSettings(cmd.Flags(), paths[0])
	if err != nil {
		return err
	}
	format, err := report.Lookup(s.Format)
	if err != nil {
		return usagef("%w (format from %s)", err, s.Source("format"))
	}
	outputFormats, err := cmd.Flags().GetStringArray("output-format")
	if err != nil {
		return err
	}
	extra, err := parseOutputFormats(outputFormats, s.Output)
	if err != nil {
		return usageError{err}
	}
	root, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("finding the current directory: %w", err)
	}

	opts := a.inputOptions(s, paths, root)
	opts.PolicyDirs = s.PolicyDirs
	opts.Rules, opts.SkipRules, opts.Profiles = s.Rules, s.SkipRules, s.Profiles
	opts.RuleConfig = s.RuleConfig
	if opts.Suppressions, err = suppressionOptions(s); err != nil {
		return err
	}
	outs := append([]reportOutput{{format: format, path: s.Output}}, extra...)
	opts.OmitPassed = !slices.ContainsFunc(outs, func(o reportOutput) bool { return o.format.ListsPassed })
	res, err := a.scan(cmd.Context(), opts)
	if err != nil {
		var se *engine.SelectionError
		if errors.As(err, &se) {
			// A misspelled rule or profile is a usage error of the
			// setting it came from, whichever layer that was.
			return usagef("%s: %w", s.Source(se.Setting), se)
		}
		if pe := parameterError(err, s.Source); pe != err {
			return pe
		}
		return fmt.Errorf("scan failed: %w", err)
	}
	if res.Root == "" {
		res.Root = root
	}
	if err := cmd.Context().Err(); err != nil {
		// Stopped by a signal after the scan: a report is all or nothing.
		return err
	}

	if err := a.writeBaseline(cmd.Flags(), res); err != nil {
		return err
	}
	res, err = a.writeReports(outs, res, s)
	if err != nil {
		return err
	}

	a.explainProblems(res, s)
	if code := verdict(res, s.FailOn, s.OnUnknown); code != exitOK {
		return exitCodeError{code}
	}
	return nil
}

// explainProblems repeats on stderr what makes the run untrusted or needs
// attention, whatever the report format and destination: a CI log shows
// stderr even when the report went to a file.
func (a *app) explainProblems(res *result.Result, s config.Settings) {
	failedNamed := map[string]bool{}
	for _, d := range res.Errors {
		failedNamed[d.Location.File] = true
		if len(d.CalledAt) > 0 {
			// An error in a module fails the file of the call that leads
			// there; the error already says so.
			failedNamed[d.CalledAt[0].File] = true
		}
		fmt.Fprintf(a.stderr, "rampart: error: %s\n", report.Escape(d.Error()))
	}
	for _, f := range res.Files {
		if f.Status == result.FileFailed && !failedNamed[f.Path] {
			reason := f.Reason
			if reason == "" {
				reason = "could not be analysed"
			}
			fmt.Fprintf(a.stderr, "rampart: error: %s: %s\n", report.Escape(f.Path), report.Escape(reason))
		}
	}
	if n := len(res.Undecided); n > 0 {
		switch s.OnUnknown {
		case config.OnUnknownWarn:
			fmt.Fprintf(a.stderr, "rampart: warning: %d undecided check(s): a value a rule reads is unknown until deploy\n", n)
		case config.OnUnknownFail:
			fmt.Fprintf(a.stderr, "rampart: %d undecided check(s) fail the run (on_unknown is fail, from %s)\n", n, s.Source("on_unknown"))
		}
	}
}

// colorAllowed applies the conventions for terminal colors: never with
// --no-color (or RAMPART_NO_COLOR), never when NO_COLOR is set to anything
// non-empty (no-color.org), and only on a terminal.
func (a *app) colorAllowed(s config.Settings) bool {
	if s.NoColor {
		return false
	}
	for _, kv := range a.environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return false
		}
	}
	return a.isTerminal(a.stdout)
}

// writeReport writes the report to path. A regular file (or a new one) is
// replaced atomically; anything else that exists, such as /dev/null,
// /dev/stdout or a named pipe, is written through, because renaming over it
// would replace the device itself (as root, it would delete /dev/null). A
// symbolic link is refused (see refuseLink) unless the system's, under
// /dev, which is followed.
func writeReport(path string, data []byte) error {
	if err := refuseLink(path); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	return writeFileAtomic(path, data)
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader (or a failed run) never sees half a report.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// pathErr drops the operation and path from an *fs.PathError: the message
// already names the path.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// inputOptions are the options scan and inspect share: which files to
// read, inside which boundary, with which variable and parameter values.
func (a *app) inputOptions(s config.Settings, paths []string, root string) analyzer.Options {
	return analyzer.Options{
		Paths:         paths,
		Root:          root,
		Boundary:      s.Root,
		Exclude:       s.Exclude,
		VarArgs:       terraformVarArgs(s.VarArgs),
		Env:           a.environ,
		CFNParams:     s.CFNParams,
		CFNParamFiles: s.CFNParamFiles,
	}
}
