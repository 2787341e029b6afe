package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/secrets"
)

// inspectFormats are the formats of `rampart inspect`, by name.
var inspectFormats = map[string]func(io.Writer, *analyzer.Inspection) error{
	"json": func(w io.Writer, ins *analyzer.Inspection) error {
		return report.WriteInspectJSON(w, ins.Resources, ins.Errors, ins.Files)
	},
	"dot": writeDOT,
}

func (a *app) inspectCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "inspect [PATH...]",
		Short: "Show the resources the front-ends produced, as policies see them",
		Long: `Read CloudFormation templates and Terraform modules under each PATH
(default ".") as scan does, and print every resource they produce, with its
canonical properties, native attributes, references and the reason for each
value that is unknown before deployment. No policy runs.

--format json is the document of docs/inspect.md; --format dot is a Graphviz
digraph of the resources and their references (rampart inspect --format dot |
dot -Tsvg > graph.svg). The exit code is 2 when a file could not be
analysed, else 0.`,
		Example: `  rampart inspect terraform/
  rampart inspect cloudformation/app.yaml --cfn-param Environment=staging
  rampart inspect --format dot -o graph.dot`,
		RunE: a.runInspect,
	}
	f := cmd.Flags()
	f.String("format", "json", "output format: json|dot")
	f.StringP("output", "o", "", "write to `FILE` instead of stdout")
	f.String("config", "", "configuration `FILE` (default: .rampart.yaml found from the first PATH up to the repository root)")
	addRootFlag(f)
	addVarFlags(f)
	f.StringArray("cfn-param", nil, "CloudFormation parameter `k=v` (repeatable)")
	f.StringArray("cfn-param-file", nil, "CloudFormation parameters `FILE` (repeatable)")
	f.StringArray("exclude", nil, "skip paths matching `GLOB` (repeatable)")
	f.SortFlags = false
	return cmd
}

func (a *app) runInspect(cmd *cobra.Command, args []string) error {
	// The format and the destination are this command's own flags:
	// RAMPART_FORMAT, RAMPART_OUTPUT and the file's keys are for scan
	// reports, which an inspection must not replace.
	formatName, _ := cmd.Flags().GetString("format")
	write, ok := inspectFormats[strings.ToLower(formatName)]
	if !ok {
		return usagef("--format: unknown inspect format %q (supported: dot, json)", formatName)
	}
	output, _ := cmd.Flags().GetString("output")
	paths, err := scanPaths(args)
	if err != nil {
		return err
	}
	s, err := a.loadSettings(cmd.Flags(), paths[0])
	if err != nil {
		return err
	}
	root, err := os.Getwd()
	if err != nil {
		return fmt.Errorf("finding the current directory: %w", err)
	}
	ins, err := a.inspect(cmd.Context(), a.inputOptions(s, paths, root))
	if err != nil {
		return fmt.Errorf("inspect failed: %w", err)
	}
	if err := cmd.Context().Err(); err != nil {
		// Stopped by a signal: an inspection is all or nothing.
		return err
	}
	var buf bytes.Buffer
	if err := write(&buf, ins); err != nil {
		return err
	}
	// An inspection prints the values templates hold: a hardcoded
	// credential among them is shown masked, as every report shows it.
	masked := []byte(secrets.Mask(buf.String()))
	if output == "" {
		if _, err := a.stdout.Write(masked); err != nil {
			return fmt.Errorf("writing the inspection: %w", err)
		}
	} else if err := writeOutput(output, masked, ins.Files); err != nil {
		return fmt.Errorf("writing the inspection to %s: %w", output, err)
	}
	res := &result.Result{Errors: ins.Errors, Files: ins.Files}
	a.explainProblems(res, s)
	if code := verdict(res, result.SeverityCritical, s.OnUnknown); code != exitOK {
		return exitCodeError{code} // only a failed file: an inspection has no findings
	}
	return nil
}
