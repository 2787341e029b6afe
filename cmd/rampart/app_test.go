package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// These tests run the command in-process with a fake analyzer, so every
// branch of flag handling, configuration and exit codes is checked against a
// known result. e2e_test.go runs the real binary on real templates.

type fakeAnalyzer struct {
	res   *result.Result
	err   error
	rules []result.Rule
	got   analyzer.Options // the options of the last call
}

func (f *fakeAnalyzer) scan(_ context.Context, o analyzer.Options) (*result.Result, error) {
	f.got = o
	return f.res, f.err
}

func (f *fakeAnalyzer) listRules(_ context.Context, o analyzer.Options) ([]result.Rule, error) {
	f.got = o
	return f.rules, f.err
}

type outcome struct {
	code           int
	stdout, stderr string
}

// runIn runs rampart in dir with the given environment.
func runIn(t *testing.T, dir string, fa *fakeAnalyzer, env []string, terminal bool, args ...string) outcome {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	a := newApp(&stdout, &stderr, env)
	a.scan, a.rules = fa.scan, fa.listRules
	a.isTerminal = func(io.Writer) bool { return terminal }
	code := a.run(context.Background(), args)
	return outcome{code, stdout.String(), stderr.String()}
}

func loc(file string, line int) graph.Location {
	return graph.Location{File: file, StartLine: line, EndLine: line}
}

func finding(rule string, sev result.Severity, suppressed bool) result.Finding {
	f := result.Finding{
		RuleID: rule, RuleName: strings.ToLower(rule), Severity: sev, Title: "t", Message: "m " + rule,
		Resource: result.ResourceRef{ID: "aws_s3_bucket.b", Type: "aws_s3_bucket", Kind: "aws.s3.bucket"},
		Location: loc("main.tf", 3), Fingerprint: rule + "|aws_s3_bucket.b|x",
	}
	if suppressed {
		f.Suppressed = true
		f.Suppression = &result.Suppression{Source: "inline", Reason: "accepted risk"}
	}
	return f
}

func scanned(files ...string) []result.File {
	var out []result.File
	for _, f := range files {
		out = append(out, result.File{Path: f, Status: result.FileScanned, Type: "terraform"})
	}
	return out
}

func TestExitCodes(t *testing.T) {
	broken := graph.Diagnostic{Severity: graph.SeverityError, Summary: "could not parse template", Location: loc("bad.yaml", 7)}
	undecided := result.Undecided{RuleID: "AWS-RDS-002", Severity: result.SeverityHigh, Location: loc("main.tf", 9), Reason: "variable has no value"}
	tests := []struct {
		name       string
		res        *result.Result
		scanErr    error
		args       []string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{name: "clean", res: &result.Result{Files: scanned("main.tf")}, wantCode: 0, wantStdout: "No findings"},
		{name: "low finding fails by default", res: &result.Result{Findings: []result.Finding{finding("AWS-S3-003", result.SeverityLow, false)}}, wantCode: 1},
		{name: "fail-on above the finding", res: &result.Result{Findings: []result.Finding{finding("AWS-S3-003", result.SeverityLow, false)}}, args: []string{"--fail-on", "medium"}, wantCode: 0},
		{name: "fail-on at the finding", res: &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}}, args: []string{"--fail-on", "HIGH"}, wantCode: 1},
		{name: "fail-on critical ignores high", res: &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}}, args: []string{"--fail-on", "CRITICAL"}, wantCode: 0},
		{name: "suppressed does not count", res: &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityCritical, true)}}, wantCode: 0, wantStdout: "[suppressed]"},
		{
			name:     "parse error wins over findings, which are still reported",
			res:      &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}, Errors: []graph.Diagnostic{broken}, Files: []result.File{{Path: "bad.yaml", Status: result.FileFailed}}},
			wantCode: 2, wantStdout: "AWS-S3-001", wantStderr: "rampart: error: bad.yaml:7: could not parse template",
		},
		{
			name:     "failed file without a diagnostic",
			res:      &result.Result{Files: []result.File{{Path: "half.json", Status: result.FileFailed, Reason: "truncated"}}},
			wantCode: 2, wantStderr: "rampart: error: half.json: truncated",
		},
		{name: "undecided passes by default", res: &result.Result{Undecided: []result.Undecided{undecided}}, wantCode: 0, wantStdout: "1 undecided (--verbose lists them)"},
		{name: "undecided with on-unknown fail", res: &result.Result{Undecided: []result.Undecided{undecided}}, args: []string{"--on-unknown", "fail"}, wantCode: 1, wantStdout: "FAIL: 1 undecided check", wantStderr: "1 undecided check(s) fail the run (on_unknown is fail, from --on-unknown)"},
		{name: "undecided with on-unknown warn", res: &result.Result{Undecided: []result.Undecided{undecided}}, args: []string{"--on-unknown", "warn"}, wantCode: 0, wantStdout: "WARNING: 1 undecided check", wantStderr: "rampart: warning: 1 undecided check(s)"},
		{name: "scan error", scanErr: errors.New("policy AWS-X does not compile"), wantCode: 2, wantStderr: "rampart: scan failed: policy AWS-X does not compile"},
		{name: "unknown flag", args: []string{"--frmat", "json"}, wantCode: 2, wantStderr: "unknown flag: --frmat"},
		{name: "unknown format", args: []string{"--format", "xml"}, wantCode: 2, wantStderr: `unknown output format "xml" (supported: text, json, sarif, junit, github, markdown)`},
		{name: "bad var", args: []string{"--var", "novalue"}, wantCode: 2, wantStderr: `--var: "novalue" is not of the form key=value`},
		{name: "missing path", args: []string{"nowhere"}, wantCode: 2, wantStderr: "cannot read nowhere: no such file or directory"},
		{name: "missing config", args: []string{"--config", "nope.yaml"}, wantCode: 2, wantStderr: "nope.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.res
			if res == nil {
				res = &result.Result{}
			}
			fa := &fakeAnalyzer{res: res, err: tt.scanErr}
			out := runIn(t, t.TempDir(), fa, nil, false, append([]string{"scan"}, tt.args...)...)
			if out.code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", out.code, tt.wantCode, out.stdout, out.stderr)
			}
			if !strings.Contains(out.stdout, tt.wantStdout) {
				t.Errorf("stdout does not contain %q:\n%s", tt.wantStdout, out.stdout)
			}
			if !strings.Contains(out.stderr, tt.wantStderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.wantStderr, out.stderr)
			}
			if tt.wantCode != 2 && out.stderr != "" && tt.wantStderr == "" {
				t.Errorf("unexpected stderr:\n%s", out.stderr)
			}
		})
	}
}

// TestPrecedence checks flag > environment > file for every kind of setting
// through what reaches the analyzer and the report.
func TestPrecedence(t *testing.T) {
	const file = `format: json
fail_on: CRITICAL
rules: [FROM-FILE]
skip_rules: [SKIP-FILE]
exclude: [file/**]
policy_dirs: [policies]
vars: {region: eu-west-1, env: dev}
cfn_params: {Env: file}
rule_config: {max_ingress_rules: 5}
`
	high := &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}}
	tests := []struct {
		name  string
		env   []string
		args  []string
		check func(t *testing.T, out outcome, o analyzer.Options, dir string)
	}{
		{
			name: "file alone",
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantJSON(t, out.stdout)
				wantCode(t, out, 0) // fail_on CRITICAL from the file; the finding is HIGH
				want(t, "Rules", o.Rules, []string{"FROM-FILE"})
				want(t, "PolicyDirs", o.PolicyDirs, []string{filepath.Join(dir, "policies")})
				want(t, "VarArgs", varArgStrings(o.VarArgs), []string{"env=dev (.rampart.yaml:7)", "region=eu-west-1 (.rampart.yaml:7)"})
				want(t, "RuleConfig", o.RuleConfig, map[string]any{"max_ingress_rules": 5})
			},
		},
		{
			name: "environment over file",
			env:  []string{"RAMPART_FORMAT=text", "RAMPART_FAIL_ON=high", "RAMPART_RULE=ENV-1,ENV-2", "RAMPART_VAR=env=staging", "RAMPART_EXCLUDE=env/**"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantText(t, out.stdout)
				wantCode(t, out, 1)
				want(t, "Rules", o.Rules, []string{"ENV-1", "ENV-2"})
				want(t, "SkipRules", o.SkipRules, []string{"SKIP-FILE"})
				want(t, "Exclude", o.Exclude, []string{"env/**"})
				// Each layer's variables apply after those of the layers
				// below it, so the environment's env wins.
				want(t, "VarArgs", varArgStrings(o.VarArgs), []string{"env=dev (.rampart.yaml:7)", "region=eu-west-1 (.rampart.yaml:7)", "env=staging (RAMPART_VAR)"})
			},
		},
		{
			name: "flags over environment over file",
			env:  []string{"RAMPART_FORMAT=text", "RAMPART_FAIL_ON=high", "RAMPART_RULE=ENV-1", "RAMPART_CFN_PARAM=Env=env"},
			args: []string{"--format", "json", "--fail-on", "critical", "--rule", "FLAG-1,FLAG-2", "--rule", "FLAG-3", "--cfn-param", "Env=flag", "--policy-dir", "extra"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantJSON(t, out.stdout)
				wantCode(t, out, 0)
				want(t, "Rules", o.Rules, []string{"FLAG-1", "FLAG-2", "FLAG-3"})
				want(t, "CFNParams", o.CFNParams, map[string]string{"Env": "flag"})
				want(t, "PolicyDirs (flag paths are relative to the working directory)", o.PolicyDirs, []string{"extra"})
			},
		},
		{
			name: "RAMPART_CONFIG picks the file",
			env:  []string{"RAMPART_CONFIG=other.yaml"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantText(t, out.stdout)
				want(t, "Rules", o.Rules, []string{"FROM-OTHER"})
			},
		},
		{
			name: "--config over RAMPART_CONFIG",
			env:  []string{"RAMPART_CONFIG=missing.yaml"},
			args: []string{"--config", "other.yaml"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				want(t, "Rules", o.Rules, []string{"FROM-OTHER"})
			},
		},
		{
			name: "a bad environment value is a usage error",
			env:  []string{"RAMPART_FAIL_ON=severe"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantCode(t, out, 2)
				if !strings.Contains(out.stderr, "environment variable RAMPART_FAIL_ON") {
					t.Errorf("stderr = %s", out.stderr)
				}
			},
		},
		{
			name: "an unknown format from the environment names its source",
			env:  []string{"RAMPART_FORMAT=xml"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				wantCode(t, out, 2)
				if !strings.Contains(out.stderr, `unknown output format "xml"`) || !strings.Contains(out.stderr, "RAMPART_FORMAT") {
					t.Errorf("stderr = %s", out.stderr)
				}
			},
		},
		{
			name: "an unknown RAMPART_ variable is reported",
			env:  []string{"RAMPART_FAILON=LOW"},
			check: func(t *testing.T, out outcome, o analyzer.Options, dir string) {
				if !strings.Contains(out.stderr, "RAMPART_FAILON (did you mean RAMPART_FAIL_ON?)") {
					t.Errorf("stderr = %s", out.stderr)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
			writeFile(t, filepath.Join(dir, ".rampart.yaml"), file)
			writeFile(t, filepath.Join(dir, "other.yaml"), "rules: [FROM-OTHER]\n")
			fa := &fakeAnalyzer{res: high}
			out := runIn(t, dir, fa, tt.env, false, append([]string{"scan"}, tt.args...)...)
			tt.check(t, out, fa.got, dir)
		})
	}
}

func TestConfigDiscoveryAndErrors(t *testing.T) {
	repo := t.TempDir()
	writeFile(t, filepath.Join(repo, ".git", "HEAD"), "")
	writeFile(t, filepath.Join(repo, ".rampart.yml"), "policy_dirs: [org/policies]\nvar_files: [env/prod.tfvars]\n")
	writeFile(t, filepath.Join(repo, "infra", "net", "main.tf"), "")

	fa := &fakeAnalyzer{res: &result.Result{}}
	out := runIn(t, repo, fa, nil, false, "scan", "infra/net")
	wantCode(t, out, 0)
	want(t, "Paths", fa.got.Paths, []string{"infra/net"})
	want(t, "PolicyDirs", fa.got.PolicyDirs, []string{filepath.Join(repo, "org", "policies")})
	want(t, "VarArgs", fa.got.VarArgs, []terraform.VarArg{{File: filepath.Join(repo, "env", "prod.tfvars")}})
	want(t, "Root", fa.got.Root, repo)

	// From a subdirectory, the config of the repository root still applies.
	out = runIn(t, filepath.Join(repo, "infra"), fa, nil, false, "scan", "net/main.tf")
	wantCode(t, out, 0)
	want(t, "PolicyDirs from a subdirectory", fa.got.PolicyDirs, []string{filepath.Join(repo, "org", "policies")})

	// A strict-parse error names the file and line and exits 2.
	writeFile(t, filepath.Join(repo, ".rampart.yml"), "format: text\nfail_on: HIGH\nskip-rules: [A]\n")
	out = runIn(t, repo, fa, nil, false, "scan")
	wantCode(t, out, 2)
	if want := filepath.Join(repo, ".rampart.yml") + `:3: unknown key "skip-rules"; did you mean "skip_rules"?`; !strings.Contains(out.stderr, want) {
		t.Errorf("stderr = %q, want %q", out.stderr, want)
	}
}

func TestSuppressionSettingsReachTheAnalyzer(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "")
	writeFile(t, filepath.Join(dir, ".rampart.yaml"), "ignore:\n  - id: AWS-S3-001\n    reason: accepted\nrequire_suppression_reason: false\nbaseline: known.json\n")
	writeFile(t, filepath.Join(dir, "known.json"), `{"version": 1, "findings": [{"rule_id": "AWS-S3-001", "file": "main.tf", "resource": "aws_s3_bucket.b"}]}`)
	fa := &fakeAnalyzer{res: &result.Result{}}
	out := runIn(t, dir, fa, nil, false, "scan")
	wantCode(t, out, 0)
	got := fa.got.Suppressions
	if len(got.Ignores) != 1 || got.Ignores[0].ID != "AWS-S3-001" || !got.AllowNoReason {
		t.Errorf("suppression options = %+v", got)
	}
	if got.Baseline == nil || got.Baseline.Len() != 1 {
		t.Errorf("baseline = %+v, want the file's one entry", got.Baseline)
	}

	// A malformed baseline stops the run, naming the file and line.
	writeFile(t, filepath.Join(dir, "known.json"), "{\"version\": 1,\n \"findings\": [\n  {\"rule\": \"AWS-S3-001\"}]}\n")
	out = runIn(t, dir, fa, nil, false, "scan")
	wantCode(t, out, 2)
	if want := filepath.Join(dir, "known.json") + `:3: finding: json: unknown field "rule" (baseline from ` + filepath.Join(dir, ".rampart.yaml") + ":5)"; !strings.Contains(out.stderr, want) {
		t.Errorf("stderr = %q, want %q", out.stderr, want)
	}
}

func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	fa := &fakeAnalyzer{res: &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}}}
	out := runIn(t, dir, fa, nil, true, "scan", "--format", "json", "--output", "report.json")
	wantCode(t, out, 1)
	if out.stdout != "" {
		t.Errorf("stdout = %q, want nothing with --output", out.stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantJSON(t, string(data))
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only report.json (no temporary file left)", len(entries))
	}

	out = runIn(t, dir, fa, nil, false, "scan", "--output", filepath.Join(dir, "no", "such", "dir", "r.txt"))
	wantCode(t, out, 2)
	if !strings.Contains(out.stderr, "writing report to") {
		t.Errorf("stderr = %q", out.stderr)
	}
}

func TestColor(t *testing.T) {
	res := &result.Result{Findings: []result.Finding{finding("AWS-S3-001", result.SeverityHigh, false)}}
	tests := []struct {
		name      string
		terminal  bool
		env       []string
		args      []string
		wantColor bool
	}{
		{name: "terminal", terminal: true, wantColor: true},
		{name: "pipe", terminal: false},
		{name: "NO_COLOR", terminal: true, env: []string{"NO_COLOR=1"}},
		{name: "empty NO_COLOR does not count", terminal: true, env: []string{"NO_COLOR="}, wantColor: true},
		{name: "--no-color", terminal: true, args: []string{"--no-color"}},
		{name: "RAMPART_NO_COLOR", terminal: true, env: []string{"RAMPART_NO_COLOR=true"}},
		{name: "--no-color=false beats RAMPART_NO_COLOR", terminal: true, env: []string{"RAMPART_NO_COLOR=true"}, args: []string{"--no-color=false"}, wantColor: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runIn(t, t.TempDir(), &fakeAnalyzer{res: res}, tt.env, tt.terminal, append([]string{"scan"}, tt.args...)...)
			if got := strings.Contains(out.stdout, "\x1b["); got != tt.wantColor {
				t.Errorf("colored = %v, want %v:\n%q", got, tt.wantColor, out.stdout)
			}
		})
	}
}

func TestRulesAndExplain(t *testing.T) {
	rules := []result.Rule{
		{ID: "AWS-SG-002", Name: "sg-no-public-ssh", Severity: result.SeverityCritical, Title: "No SSH from the internet", Description: "Port 22 open to the world.", Remediation: "Restrict the CIDR.", References: []string{"https://docs.aws.amazon.com/"}, Builtin: true},
		{ID: "AWS-S3-001", Name: "s3-encryption", Severity: result.SeverityMedium, Title: "Buckets are encrypted", Builtin: true},
	}
	tests := []struct {
		args       []string
		wantCode   int
		wantStdout []string
		wantStderr string
	}{
		{args: []string{"rules"}, wantStdout: []string{"ID          NAME              SEVERITY  TITLE\n", "AWS-S3-001  s3-encryption     MEDIUM    Buckets are encrypted\n"}},
		{args: []string{"rules", "--format", "json"}, wantStdout: []string{`"id": "AWS-SG-002"`, `"version": 1`}},
		{args: []string{"rules", "--format", "sarif"}, wantCode: 2, wantStderr: `unknown rules format "sarif"`},
		{args: []string{"rules", "extra"}, wantCode: 2, wantStderr: "unknown command"},
		{args: []string{"explain", "aws-sg-002"}, wantStdout: []string{"AWS-SG-002  sg-no-public-ssh  (CRITICAL)", "Remediation:\n  Restrict the CIDR.", "  - https://docs.aws.amazon.com/"}},
		{args: []string{"explain", "s3-encryption"}, wantStdout: []string{"AWS-S3-001  s3-encryption  (MEDIUM)"}},
		{args: []string{"explain", "ssh"}, wantCode: 2, wantStderr: `no rule with ID or name "ssh"; did you mean AWS-SG-002 (sg-no-public-ssh)?`},
		{args: []string{"explain", "AWS-NOPE-1"}, wantCode: 2, wantStderr: "'rampart rules' lists them"},
		{args: []string{"explain"}, wantCode: 2, wantStderr: "accepts 1 arg(s), received 0"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fa := &fakeAnalyzer{rules: rules}
			out := runIn(t, t.TempDir(), fa, nil, false, tt.args...)
			wantCode(t, out, tt.wantCode)
			for _, s := range tt.wantStdout {
				if !strings.Contains(out.stdout, s) {
					t.Errorf("stdout does not contain %q:\n%s", s, out.stdout)
				}
			}
			if !strings.Contains(out.stderr, tt.wantStderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.wantStderr, out.stderr)
			}
		})
	}

	// --policy-dir reaches the analyzer; RAMPART_FORMAT does not change the listing.
	fa := &fakeAnalyzer{rules: rules}
	out := runIn(t, t.TempDir(), fa, []string{"RAMPART_FORMAT=json", "RAMPART_POLICY_DIR=a,b"}, false, "rules", "--policy-dir", "mine")
	wantCode(t, out, 0)
	want(t, "PolicyDirs", fa.got.PolicyDirs, []string{"mine"})
	wantText(t, out.stdout)
}

func TestVersion(t *testing.T) {
	out := runIn(t, t.TempDir(), &fakeAnalyzer{}, nil, false, "version")
	wantCode(t, out, 0)
	for _, s := range []string{"rampart ", "commit: ", "go: go1."} {
		if !strings.Contains(out.stdout, s) {
			t.Errorf("version output lacks %q:\n%s", s, out.stdout)
		}
	}
}

func wantCode(t *testing.T, out outcome, code int) {
	t.Helper()
	if out.code != code {
		t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", out.code, code, out.stdout, out.stderr)
	}
}

func wantJSON(t *testing.T, s string) {
	t.Helper()
	var doc struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal([]byte(s), &doc); err != nil || doc.Version != 1 {
		t.Errorf("output is not a version 1 JSON report (%v):\n%s", err, s)
	}
}

func wantText(t *testing.T, s string) {
	t.Helper()
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		t.Errorf("output is JSON, want text:\n%s", s)
	}
}

func want[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// varArgStrings renders variable arguments as name=value (where from) or
// file:path (where from), the configuration file by its base name.
func varArgStrings(args []terraform.VarArg) []string {
	var out []string
	for _, a := range args {
		s := "file:" + a.File
		if a.Name != "" {
			s = a.Name + "=" + a.Value
		}
		if a.Via != "" {
			s += " (" + filepath.Base(a.Via) + ")"
		}
		out = append(out, s)
	}
	return out
}

func TestVarAndVarFileKeepCommandLineOrder(t *testing.T) {
	// terraform plan applies -var and -var-file in the order given, the
	// later winning; rampart hands the front-end the same order.
	dir := t.TempDir()
	fa := &fakeAnalyzer{res: &result.Result{}}
	out := runIn(t, dir, fa, []string{"RAMPART_VAR=env=from-env"}, false, "scan",
		"--var-file", "a.tfvars", "--var", "env=cli", "--var-file", "b.tfvars", "--var", "region=x=y")
	wantCode(t, out, 0)
	want(t, "VarArgs", varArgStrings(fa.got.VarArgs), []string{
		"env=from-env (RAMPART_VAR)", "file:a.tfvars", "env=cli", "file:b.tfvars", "region=x=y",
	})
}

func TestVarFlagsShowNoDefaultInHelp(t *testing.T) {
	out := runIn(t, t.TempDir(), &fakeAnalyzer{res: &result.Result{}}, nil, false, "scan", "--help")
	for _, line := range strings.Split(out.stdout, "\n") {
		if strings.Contains(line, "--var") && strings.Contains(line, "default") {
			t.Errorf("help line shows a default: %q", line)
		}
	}
	if !strings.Contains(out.stdout, "--var-file FILE") {
		t.Errorf("help does not list --var-file:\n%s", out.stdout)
	}
}

func TestModuleErrorIsNotRepeatedForTheCallersFile(t *testing.T) {
	// An error inside a Terraform module fails the root file with the
	// call (analyzer.Scan); stderr names the error once, not again as
	// that file's reason.
	modErr := graph.Diagnostic{Severity: graph.SeverityError, Summary: "Invalid index",
		Detail:   "the given key does not identify an element (in module.broken, called at main.tf:6)",
		Location: graph.Location{File: "modules/child/main.tf", StartLine: 3},
		Module:   "module.broken", CalledAt: []graph.Location{{File: "main.tf", StartLine: 6}}}
	fa := &fakeAnalyzer{res: &result.Result{Errors: []graph.Diagnostic{modErr}, Files: []result.File{
		{Path: "main.tf", Status: result.FileFailed, Reason: modErr.Error()},
		{Path: "modules/child/main.tf", Status: result.FileScanned},
	}}}
	out := runIn(t, t.TempDir(), fa, nil, false, "scan")
	wantCode(t, out, 2)
	if n := strings.Count(out.stderr, "Invalid index"); n != 1 {
		t.Errorf("stderr names the error %d times:\n%s", n, out.stderr)
	}
}
