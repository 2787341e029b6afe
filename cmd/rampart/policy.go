package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

func (a *app) policyCommand() *cobra.Command {
	policy := &cobra.Command{
		Use:   "policy",
		Short: "Work with Rego policies",
	}
	test := &cobra.Command{
		Use:   "test [DIR...]",
		Short: "Run the Rego unit tests of the built-in policies and of DIR (user policies)",
		Long: `Runs every test_* rule of the built-in policies and of the given policy
directories, with the same sandbox as a scan. Exits 0 when every test passes,
1 when one fails, 2 when the policies do not load.`,
		RunE: func(cmd *cobra.Command, dirs []string) error {
			verbose, _ := cmd.Flags().GetBool("verbose")
			results, err := a.testPolicies(cmd.Context(), dirs)
			if err != nil {
				return err
			}
			// Test names, errors and print output come from the policies.
			out := escapingWriter{w: a.stdout, keepLines: true}
			passed, failed := 0, 0
			for _, r := range results {
				name := r.Package + "." + r.Name
				switch {
				case r.Error != nil:
					failed++
					fmt.Fprintf(out, "ERROR %s (%s): %v\n", name, r.Location, r.Error)
				case r.Fail:
					failed++
					fmt.Fprintf(out, "FAIL  %s (%s)\n", name, r.Location)
				default:
					passed++
					if verbose {
						fmt.Fprintf(out, "PASS  %s (%s)\n", name, r.Duration.Round(time.Microsecond))
					}
				}
				if (r.Fail || r.Error != nil) && len(r.Output) > 0 {
					fmt.Fprintf(out, "%s", r.Output)
				}
			}
			fmt.Fprintf(out, "%d passed, %d failed\n", passed, failed)
			if failed > 0 {
				return exitCodeError{exitFindings}
			}
			return nil
		},
	}
	test.Flags().BoolP("verbose", "v", false, "list passing tests too")
	policy.AddCommand(test)
	return policy
}
