package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestParseFull(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".rampart.yaml")
	src := `# every key
format: json
fail_on: high
output: reports/rampart.json
exclude: ["vendor/**", "*.bak"]
policy_dirs: [policies, shared/policies]
rules: [AWS-SG-002, s3-bucket-encryption]
skip_rules: [AWS-IAM-001]
profiles: [account-baseline]
on_unknown: warn
vars:
  region: eu-west-1
  instance_count: 3
var_files: [env/prod.tfvars]
cfn_params:
  Env: prod
cfn_param_files: [params.json]
rule_config:
  max_ingress_rules: 5
  admin_ports: [22, 3389, 5985]
ignore:
  - id: AWS-SG-002
    path: "legacy/**"
    resource: aws_security_group.bastion
    reason: bastion is behind the VPN
    until: 2027-01-31
require_suppression_reason: false
baseline: .rampart-baseline.json
`
	c, err := Parse(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := false
	want := &Config{
		Path:          path,
		Format:        "json",
		FailOn:        result.SeverityHigh,
		Output:        filepath.Join(dir, "reports", "rampart.json"),
		Exclude:       []string{"vendor/**", "*.bak"},
		PolicyDirs:    []string{filepath.Join(dir, "policies"), filepath.Join(dir, "shared", "policies")},
		Rules:         []string{"AWS-SG-002", "s3-bucket-encryption"},
		SkipRules:     []string{"AWS-IAM-001"},
		Profiles:      []string{"account-baseline"},
		OnUnknown:     OnUnknownWarn,
		Vars:          map[string]string{"region": "eu-west-1", "instance_count": "3"},
		VarFiles:      []string{filepath.Join(dir, "env", "prod.tfvars")},
		CFNParams:     map[string]string{"Env": "prod"},
		CFNParamFiles: []string{filepath.Join(dir, "params.json")},
		RuleConfig:    map[string]any{"max_ingress_rules": 5, "admin_ports": []any{22, 3389, 5985}},
		Ignore: []Ignore{{
			ID: "AWS-SG-002", Path: "legacy/**", Resource: "aws_security_group.bastion",
			Reason: "bastion is behind the VPN", Until: time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC),
		}},
		RequireSuppressionReason: &f,
		Baseline:                 filepath.Join(dir, ".rampart-baseline.json"),
	}
	// Compare without the bookkeeping fields, checked separately.
	gotLoc := c.Ignore[0].Location
	c.Ignore[0].Location = want.Ignore[0].Location
	lines := c.lines
	c.lines = nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Parse:\n got %#v\nwant %#v", c, want)
	}
	if gotLoc.File != path || gotLoc.StartLine != 22 {
		t.Errorf("ignore entry location = %v, want %s:22", gotLoc, path)
	}
	if lines["fail_on"] != 3 || lines["require_suppression_reason"] != 27 {
		t.Errorf("key lines = %v", lines)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "~\n"} {
		c, err := Parse("x.yaml", []byte(src))
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		if c.Format != "" || c.Rules != nil || c.FailOn != 0 {
			t.Errorf("Parse(%q) = %+v, want an empty config", src, c)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // substring of the error, which always starts with file:line
	}{
		{"unknown key with suggestion", "format: json\nfail-on: high\n", `cfg.yaml:2: unknown key "fail-on"; did you mean "fail_on"?`},
		{"unknown key far from any", "colour: true\n", `cfg.yaml:1: unknown key "colour" (known keys: baseline, cfn_param_files, cfn_params,`},
		{"old name for rule parameters", "rules:\n  max_ingress_rules: 5\n", "cfg.yaml:2: cannot unmarshal !!map into []string"},
		{"bad severity", "\n\nfail_on: urgent\n", `cfg.yaml:3: fail_on: unknown severity "urgent"`},
		{"bad on_unknown", "on_unknown: ignore\n", `cfg.yaml:1: invalid on_unknown value "ignore"`},
		{"list where a string goes", "format: [json]\n", "cfg.yaml:1: cannot unmarshal !!seq into string"},
		{"string where a list goes", "exclude: vendor\n", "cfg.yaml:1: cannot unmarshal !!str `vendor` into []string"},
		{"syntax error", "format: json\n  fail_on: high\n", "cfg.yaml:2: mapping values are not allowed in this context"},
		{"not a mapping", "- format\n", "cfg.yaml:1: the configuration must be a mapping"},
		{"duplicate key", "format: json\nformat: text\n", `cfg.yaml:2: key "format" already set at line 1`},
		{"empty format", "format: ''\n", "cfg.yaml:1: format must not be empty"},
		{"empty rule item", "rules:\n  - AWS-SG-001\n  - ''\n", "cfg.yaml:3: rules: empty list item"},
		{"bad exclude glob", "exclude: ['[a-']\n", `cfg.yaml:1: exclude pattern "[a-": syntax error in pattern`},
		{"unknown ignore key", "ignore:\n  - id: AWS-SG-002\n    reasn: x\n", `cfg.yaml:3: unknown ignore entry key "reasn"; did you mean "reason"?`},
		{"ignore without id", "ignore:\n  - reason: x\n", "cfg.yaml:2: ignore entry needs an id"},
		{"ignore bad date", "ignore:\n  - id: A\n    reason: r\n    until: 31/01/2027\n", `cfg.yaml:2: ignore until "31/01/2027" is not a date`},
		{"ignore not a mapping", "ignore:\n  - AWS-SG-002\n", "cfg.yaml:2: each ignore entry must be a mapping"},
		{"ignore bad path glob", "ignore:\n  - id: A\n    path: 'a/[b'\n", `cfg.yaml:2: ignore path "a/[b"`},
		{"var with a list value", "vars:\n  zones: [a, b]\n", "cfg.yaml:2: cannot unmarshal !!seq into string"},
		{"bool not a bool", "require_suppression_reason: maybe\n", "cfg.yaml:1: cannot unmarshal !!str `maybe` into bool"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("cfg.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded, want error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "cfg.yaml:") {
				t.Errorf("error %q does not start with file:line", err)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("Load(missing) error = %v, want one naming the file", err)
	}
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte("# "+strings.Repeat("x", maxFileSize)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Load(big) error = %v, want a size error", err)
	}
	ok := filepath.Join(dir, ".rampart.yml")
	if err := os.WriteFile(ok, []byte("fail_on: CRITICAL\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(ok)
	if err != nil || c.FailOn != result.SeverityCritical {
		t.Errorf("Load(ok) = %+v, %v", c, err)
	}
}
