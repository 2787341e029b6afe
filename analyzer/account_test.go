package analyzer

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/suppress"
)

const accountFixtures = "../testdata/account"

// accountVerdicts lists, for every account-baseline rule, what it said
// about each resource: a finding, an undecided result or a pass. A finding
// about the account itself is listed by its message, not its location,
// which is the first unit's main file.
func accountVerdicts(t *testing.T, path string) []string {
	t.Helper()
	res, err := Scan(context.Background(), Options{Paths: []string{path}, Profiles: []string{"account-baseline"}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Errors {
		t.Errorf("%s: %s", path, d.Error())
	}
	var out []string
	for _, f := range res.Findings {
		if strings.HasPrefix(f.RuleID, "AWS-BASE-") {
			out = append(out, f.RuleID+" finding "+f.Resource.ID+": "+f.Message)
		}
	}
	for _, u := range res.Undecided {
		if strings.HasPrefix(u.RuleID, "AWS-BASE-") {
			out = append(out, u.RuleID+" undecided "+u.Resource.ID)
		}
	}
	for _, p := range res.Passed {
		if strings.HasPrefix(p.RuleID, "AWS-BASE-") {
			out = append(out, p.RuleID+" passed "+p.Resource.ID)
		}
	}
	slices.Sort(out)
	return out
}

// TestAccountVerdictsDoNotDependOnUnits scans one account baseline written
// as one unit and split into two stacks or two root modules: the account
// rules must say the same about every resource.
func TestAccountVerdictsDoNotDependOnUnits(t *testing.T) {
	tests := []struct {
		one, split string
		// finding is one verdict both must hold, so that agreeing on
		// nothing cannot pass.
		finding string
	}{
		{"cfn-one", "cfn-split", "AWS-BASE-007 finding AppVpc"},
		{"tf-one", "tf-split", "AWS-BASE-007 finding aws_vpc.app"},
	}
	for _, tt := range tests {
		t.Run(tt.one, func(t *testing.T) {
			one := accountVerdicts(t, filepath.Join(accountFixtures, tt.one))
			split := accountVerdicts(t, filepath.Join(accountFixtures, tt.split))
			if strings.Join(one, "\n") != strings.Join(split, "\n") {
				t.Errorf("one unit:\n  %s\nsplit:\n  %s", strings.Join(one, "\n  "), strings.Join(split, "\n  "))
			}
			if !slices.ContainsFunc(one, func(v string) bool { return strings.HasPrefix(v, tt.finding+":") }) {
				t.Errorf("verdicts %q lack %q", one, tt.finding)
			}
		})
	}
}

// TestAccountRulesOffByDefault: without the profile, no baseline rule runs.
func TestAccountRulesOffByDefault(t *testing.T) {
	res, err := Scan(context.Background(), Options{Paths: []string{filepath.Join(accountFixtures, "cfn-split")}, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rules {
		if r.Scope != "" || r.Profile != "" {
			t.Errorf("rule %s (profile %q, scope %q) runs without its profile", r.ID, r.Profile, r.Scope)
		}
	}
}

// accountPolicy is a user account rule that reports, about the account,
// that no security group exists.
const accountPolicy = `# METADATA
# title: no security group
# custom:
#   id: ACME-200
#   name: acme-no-security-group
#   severity: LOW
#   scope: account
#   kinds: [aws.ec2.security_group]
#   reads: [name]
package acme.rules.no_security_group

import data.rampart.lib

deny contains lib.account_finding("no security group exists in the scan") if {
	count(lib.resources("aws.ec2.security_group")) == 0
}
`

// TestAccountFindingSuppressions: a finding about the account points at
// the first unit's main file, line 1, where a trailing suppression comment,
// a configuration ignore entry with that path, or a baseline suppress it.
func TestAccountFindingSuppressions(t *testing.T) {
	dir := t.TempDir()
	policies := filepath.Join(dir, "policies")
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("policies/account.rego", accountPolicy)
	template := "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n"
	plain := write("plain/a.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\n"+template)
	write("plain/b.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\n"+template)
	inline := write("inline/a.yaml", "AWSTemplateFormatVersion: \"2010-09-09\" # rampart:ignore ACME-200 -- a workload account, not the baseline\n"+template)
	scan := func(path string, sup suppress.Options) *Result {
		t.Helper()
		res, err := Scan(context.Background(), Options{Paths: []string{path}, PolicyDirs: []string{policies},
			Rules: []string{"ACME-200"}, Suppressions: sup, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) != 1 {
			t.Fatalf("findings = %+v, want one about the account", res.Findings)
		}
		return res
	}

	res := scan(filepath.Dir(plain), suppress.Options{})
	f := res.Findings[0]
	if f.Suppressed || filepath.Clean(f.Location.File) != filepath.Clean(plain) || f.Location.StartLine != 1 {
		t.Errorf("finding at %v (suppressed %v), want unsuppressed at %s:1", f.Location, f.Suppressed, plain)
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "2 unit(s)") {
		t.Errorf("notes = %q, want the two units considered", f.Notes)
	}

	if f := scan(inline, suppress.Options{}).Findings[0]; !f.Suppressed || f.Suppression.Source != suppress.SourceInline {
		t.Errorf("inline comment on line 1: %+v", f)
	}

	cfgFile := filepath.Join(dir, ".rampart.yaml")
	ignore := config.Ignore{ID: "ACME-200", Path: "plain/a.yaml", Reason: "a workload account",
		Location: graph.Location{File: cfgFile, StartLine: 3}}
	if f := scan(filepath.Dir(plain), suppress.Options{Ignores: []config.Ignore{ignore}}).Findings[0]; !f.Suppressed {
		t.Errorf("ignore entry with the main file's path did not suppress: %+v", f)
	}

	baseline, err := suppress.NewBaseline(filepath.Join(dir, "baseline.json"), res.Findings)
	if err != nil {
		t.Fatal(err)
	}
	if f := scan(filepath.Dir(plain), suppress.Options{Baseline: baseline}).Findings[0]; !f.Suppressed || f.Suppression.Source != suppress.SourceBaseline {
		t.Errorf("baseline did not mark the account finding: %+v", f)
	}
}
