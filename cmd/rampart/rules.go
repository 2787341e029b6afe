package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func (a *app) rulesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules (built-in and from --policy-dir)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// The listing format is this command's own flag: RAMPART_FORMAT
			// and the file's format are for scan reports.
			format, _ := cmd.Flags().GetString("format")
			if !contains(report.RuleFormats(), strings.ToLower(format)) {
				return usagef("--format: unknown rules format %q (supported: %s)", format, strings.Join(report.RuleFormats(), ", "))
			}
			rules, err := a.loadRules(cmd)
			if err != nil {
				return err
			}
			return report.WriteRules(a.stdout, rules, format)
		},
	}
	cmd.Flags().String("format", "text", "output format: "+strings.Join(report.RuleFormats(), "|"))
	a.ruleSourceFlags(cmd)
	return cmd
}

func (a *app) explainCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "explain ID|NAME",
		Short: "Show a rule's description, remediation and references",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, rules, err := a.loadRulesAndSettings(cmd)
			if err != nil {
				return err
			}
			r, err := findRule(rules, args[0])
			if err != nil {
				return err
			}
			settings := map[string]report.ParameterSetting{}
			for _, p := range r.Parameters {
				if v, ok := s.RuleConfig[p.Name]; ok {
					settings[p.Name] = report.ParameterSetting{Value: v, Source: s.Source(config.ParameterKey(p.Name))}
				}
			}
			return report.WriteExplainSettings(a.stdout, r, settings)
		},
	}
	a.ruleSourceFlags(cmd)
	return cmd
}

// ruleSourceFlags are the flags that change which rules exist.
func (a *app) ruleSourceFlags(cmd *cobra.Command) {
	cmd.Flags().String("config", "", "configuration `FILE` (default: .rampart.yaml found from the current directory up)")
	cmd.Flags().StringArray("policy-dir", nil, "extra Rego policy `DIR` (repeatable)")
}

func (a *app) loadRules(cmd *cobra.Command) ([]result.Rule, error) {
	_, rules, err := a.loadRulesAndSettings(cmd)
	return rules, err
}

// loadRulesAndSettings loads the rules with the settings they are loaded
// with: the configuration's policy directories and rule parameters.
func (a *app) loadRulesAndSettings(cmd *cobra.Command) (config.Settings, []result.Rule, error) {
	s, err := a.loadSettings(cmd.Flags(), ".")
	if err != nil {
		return s, nil, err
	}
	rules, err := a.rules(cmd.Context(), analyzer.Options{PolicyDirs: s.PolicyDirs, RuleConfig: s.RuleConfig})
	if err != nil {
		if pe := parameterError(err, s.Source); pe != err {
			return s, nil, pe
		}
		return s, nil, fmt.Errorf("loading rules: %w", err)
	}
	return s, rules, nil
}

// findRule finds a rule by ID or name, ignoring case. When none matches it
// suggests the rules whose ID or name contains the query.
func findRule(rules []result.Rule, query string) (result.Rule, error) {
	q := strings.TrimSpace(query)
	for _, r := range rules {
		if strings.EqualFold(r.ID, q) || strings.EqualFold(r.Name, q) {
			return r, nil
		}
	}
	var near []string
	lq := strings.ToLower(q)
	for _, r := range rules {
		if lq != "" && (strings.Contains(strings.ToLower(r.ID), lq) || strings.Contains(strings.ToLower(r.Name), lq)) {
			near = append(near, r.ID+" ("+r.Name+")")
		}
	}
	msg := fmt.Sprintf("no rule with ID or name %q", query)
	if len(near) > 0 {
		msg += "; did you mean " + strings.Join(near, ", ") + "?"
	} else {
		msg += "; 'rampart rules' lists them"
	}
	return result.Rule{}, usageError{fmt.Errorf("%s", msg)}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
