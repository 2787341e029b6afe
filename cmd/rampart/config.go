package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Work with the configuration file",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "validate [FILE]",
		Short: "Check a .rampart.yaml: keys, values, paths, and the rules it names",
		Long: `Check a configuration file as scan reads it (unknown keys, values of the
wrong type, paths outside the repository) and check every rule ID or name in
rules, skip_rules and ignore, and every profile, against the rules that exist,
the file's policy_dirs included. Without FILE, the file scan would use from
the current directory: .rampart.yaml found upwards to the repository root.

Exit codes: 0 valid (or no file to check); 2 the file has an error, reported
with its line. The JSON Schema docs/rampart.schema.json describes the file
for editors.`,
		Example: `  rampart config validate`,
		Args:    cobra.MaximumNArgs(1),
		RunE:    a.runConfigValidate,
	})
	return cmd
}

func (a *app) runConfigValidate(cmd *cobra.Command, args []string) error {
	path := ""
	if len(args) == 1 {
		path = args[0]
	} else {
		var err error
		if path, err = config.Find("."); err != nil {
			return usageError{err}
		}
		if path == "" {
			_, err := fmt.Fprintf(a.stdout, "no %s found from the current directory up to the repository root; the defaults apply\n", strings.Join(config.FileNames(), " or "))
			return err
		}
	}
	c, err := config.Load(path)
	if err != nil {
		return usageError{err}
	}
	if c.Format != "" {
		if _, err := report.Lookup(c.Format); err != nil {
			return usagef("%s: format: %w", c.Source("format"), err)
		}
	}
	rules, err := a.rules(cmd.Context(), analyzer.Options{PolicyDirs: c.PolicyDirs, RuleConfig: c.RuleConfig})
	if err != nil {
		if pe := parameterError(err, c.Source); pe != err {
			return pe
		}
		return usagef("%s: policy_dirs: %w", c.Source("policy_dirs"), err)
	}
	if err := checkRuleNames(c, rules); err != nil {
		return usageError{err}
	}
	_, err = fmt.Fprintf(a.stdout, "%s: valid\n", path)
	return err
}

// checkRuleNames refuses a rule or profile the file names that no loaded
// rule has, with the nearest one, at the line where it is written.
func checkRuleNames(c *config.Config, rules []result.Rule) error {
	known := map[string]bool{}
	var profiles []string
	for _, r := range rules {
		known[strings.ToUpper(r.ID)], known[strings.ToUpper(r.Name)] = true, true
		if p := strings.ToLower(r.Profile); p != "" && !slices.Contains(profiles, p) {
			profiles = append(profiles, p)
		}
	}
	unknown := func(where, name string) error {
		msg := fmt.Sprintf("%s: rule %q: no such rule", where, name)
		if s := engine.ClosestRule(name, rules); s != "" {
			msg += fmt.Sprintf("; did you mean %s?", s)
		}
		return fmt.Errorf("%s (see `rampart rules`)", msg)
	}
	for _, list := range []struct {
		key   string
		names []string
	}{{"rules", c.Rules}, {"skip_rules", c.SkipRules}} {
		for _, name := range list.names {
			if !known[strings.ToUpper(strings.TrimSpace(name))] {
				return unknown(c.Source(list.key)+": "+list.key, name)
			}
		}
	}
	for _, ig := range c.Ignore {
		if !known[strings.ToUpper(ig.ID)] {
			return unknown(ig.Location.String()+": ignore", ig.ID)
		}
	}
	for _, p := range c.Profiles {
		if !slices.Contains(profiles, strings.ToLower(strings.TrimSpace(p))) {
			return fmt.Errorf("%s: profiles: no loaded rule belongs to profile %q (profiles: %s)", c.Source("profiles"), p, strings.Join(profiles, ", "))
		}
	}
	return nil
}
