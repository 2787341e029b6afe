package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// app is one invocation of rampart: its streams, its environment and the
// analyzer entry points. Tests build it with fakes; main with the real ones.
type app struct {
	stdout, stderr io.Writer
	environ        []string
	scan           func(context.Context, analyzer.Options) (*result.Result, error)
	rules          func(context.Context, analyzer.Options) ([]result.Rule, error)
	inspect        func(context.Context, analyzer.Options) (*analyzer.Inspection, error)
	testPolicies   func(context.Context, []string, engine.TestOptions) (*analyzer.PolicyTestRun, error)
	// isTerminal reports whether w is an interactive terminal (colors).
	isTerminal func(w io.Writer) bool
}

func newApp(stdout, stderr io.Writer, environ []string) *app {
	return &app{
		stdout:       stdout,
		stderr:       escapingWriter{w: stderr},
		environ:      environ,
		scan:         analyzer.Scan,
		rules:        analyzer.Rules,
		inspect:      analyzer.Inspect,
		testPolicies: analyzer.RunPolicyTests,
		isTerminal:   isTerminal,
	}
}

// isTerminal uses github.com/mattn/go-isatty, which also recognizes the
// Cygwin and MSYS terminals of Git for Windows.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// run executes the command line args and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if sig, ok := interruption(ctx); ok && errors.Is(err, context.Canceled) {
		// The command stopped early: its result must not pass for a
		// complete one. (One that finished before it noticed the signal
		// has written its report and keeps its own exit code.)
		fmt.Fprintf(a.stderr, "rampart: %s: the run was stopped before it finished; no report was written\n", sig)
		return signalExitCode(sig.sig)
	}
	if err == nil {
		return exitOK
	}
	var ec exitCodeError
	if !errors.As(err, &ec) {
		fmt.Fprintf(a.stderr, "rampart: %s\n", err)
		if isUsage(err) && cmd != nil {
			fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
		}
	}
	return codeOf(err)
}

// isUsage recognizes usage errors, including cobra's own for unknown
// commands and wrong argument counts, which are plain errors.
func isUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	msg := err.Error()
	return strings.HasPrefix(msg, "unknown command") || strings.Contains(msg, "arg(s)")
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "rampart",
		Short: "Check AWS CloudFormation and Terraform templates against security best practices",
		Long: `rampart is a policy-as-code static analyzer for AWS CloudFormation and Terraform.
It reads templates, builds one resource graph, and evaluates Rego policies on it
before anything is deployed.

Exit codes: 0 no finding at or above --fail-on; 1 at least one;
2 the scan could not be trusted (bad flag or config, unreadable path,
a template that failed to parse); 130/143 stopped by SIGINT/SIGTERM.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(a.scanCommand(), a.inspectCommand(), a.rulesCommand(), a.explainCommand(), a.policyCommand(), a.configCommand(), a.versionCommand())
	return root
}
