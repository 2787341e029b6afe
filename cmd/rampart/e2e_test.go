package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// The end-to-end tests build the real binary once and run it as a user
// would: on the example project in testdata/examples and on small fixtures
// written to temporary directories. They check the contract (exit codes,
// streams, the JSON schema, precedence), not the rule catalogue: rule IDs
// appear only where a fixture is built to trigger a specific rule.

const e2eVersion = "v9.9.9-e2e"

var e2e struct {
	once sync.Once
	dir  string // removed by TestMain
	bin  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2e.dir != "" {
		os.RemoveAll(e2e.dir)
	}
	os.Exit(code)
}

// binary builds rampart once per test process, with link-time version
// values so that `rampart version` can be checked.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: builds and runs the binary")
	}
	e2e.once.Do(func() {
		goTool, err := exec.LookPath("go")
		if err != nil {
			e2e.err = fmt.Errorf("go tool not found: %w", err)
			return
		}
		if e2e.dir, err = os.MkdirTemp("", "rampart-e2e-"); err != nil {
			e2e.err = err
			return
		}
		e2e.bin = filepath.Join(e2e.dir, "rampart")
		cmd := exec.Command(goTool, "build", "-o", e2e.bin,
			"-ldflags", "-X main.version="+e2eVersion+" -X main.commit=e2ecommit", ".")
		if out, err := cmd.CombinedOutput(); err != nil {
			e2e.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if e2e.err != nil {
		t.Fatal(e2e.err)
	}
	return e2e.bin
}

type run struct {
	code           int
	stdout, stderr string
}

// rampart runs the binary in dir with only PATH and env in its
// environment, so RAMPART_* variables of the developer never leak in.
func rampart(t *testing.T, dir string, env []string, args ...string) run {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH")}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running rampart: %v", err)
	}
	return run{code, stdout.String(), stderr.String()}
}

func (r run) wantCode(t *testing.T, code int) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
}

// jsonReport mirrors the documented schema (docs/json-output.md) closely
// enough to check it; unknown fields are rejected so that the document and
// the output cannot drift apart silently.
type jsonReport struct {
	Version int `json:"version"`
	Tool    struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"tool"`
	Findings []struct {
		RuleID   string `json:"rule_id"`
		RuleName string `json:"rule_name"`
		Severity string `json:"severity"`
		Title    string `json:"title"`
		Message  string `json:"message"`
		Resource struct {
			ID   string `json:"id"`
			Type string `json:"type"`
			Kind string `json:"kind"`
		} `json:"resource"`
		Location    jsonLoc `json:"location"`
		Attribute   string  `json:"attribute"`
		Suppressed  bool    `json:"suppressed"`
		Suppression *struct {
			Source   string   `json:"source"`
			Reason   string   `json:"reason"`
			Until    string   `json:"until"`
			Location *jsonLoc `json:"location"`
		} `json:"suppression"`
		Remediation string `json:"remediation"`
		Fingerprint string `json:"fingerprint"`
		Trace       []struct {
			File      string `json:"file"`
			StartLine int    `json:"start_line"`
			Note      string `json:"note"`
		} `json:"trace"`
		Notes     []string       `json:"notes"`
		Instances []jsonInstance `json:"instances"`
	} `json:"findings"`
	Undecided []struct {
		RuleID    string          `json:"rule_id"`
		RuleName  string          `json:"rule_name"`
		Severity  string          `json:"severity"`
		Resource  json.RawMessage `json:"resource"`
		Location  jsonLoc         `json:"location"`
		Attribute string          `json:"attribute"`
		Reason    string          `json:"reason"`
		Instances []jsonInstance  `json:"instances"`
	} `json:"undecided"`
	Errors   []jsonDiag `json:"errors"`
	Warnings []jsonDiag `json:"warnings"`
	Files    []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
		Type   string `json:"type"`
		Reason string `json:"reason"`
	} `json:"files"`
	Summary struct {
		Files, Scanned, Ignored, Failed, Resources, Findings, Suppressed, Undecided, Errors, Warnings int
		BySeverity                                                                                    map[string]int `json:"by_severity"`
	} `json:"summary"`
	Policies []struct {
		Path     string `json:"path"`
		Kind     string `json:"kind"`
		Revision string `json:"revision"`
		Digest   string `json:"digest"`
		Files    int    `json:"files"`
	} `json:"policies"`
}

type jsonInstance struct {
	Root     string `json:"root"`
	Module   string `json:"module"`
	Resource string `json:"resource"`
	Trace    []struct {
		File      string `json:"file"`
		StartLine int    `json:"start_line"`
		Note      string `json:"note"`
	} `json:"trace"`
}

type jsonLoc struct {
	File        string `json:"file"`
	StartLine   int    `json:"start_line"`
	EndLine     int    `json:"end_line"`
	StartColumn int    `json:"start_column"`
	EndColumn   int    `json:"end_column"`
}

type jsonDiag struct {
	Severity  string  `json:"severity"`
	Summary   string  `json:"summary"`
	Detail    string  `json:"detail"`
	Location  jsonLoc `json:"location"`
	Resource  string  `json:"resource"`
	Attribute string  `json:"attribute"`
}

func parseReport(t *testing.T, data string) jsonReport {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	var r jsonReport
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("report is not schema-1 JSON: %v\n%s", err, data)
	}
	// Lists are [] when empty, never null.
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "undecided", "errors", "warnings", "files"} {
		if !bytes.HasPrefix(raw[k], []byte("[")) {
			t.Errorf("%q is %s, want a list", k, raw[k])
		}
	}
	if r.Version != 1 || r.Tool.Name != "rampart" || r.Tool.Version != e2eVersion {
		t.Errorf("version/tool = %d %+v", r.Version, r.Tool)
	}
	return r
}

// repoRoot is where the module's testdata lives, two levels up.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestE2EExamplesJSON(t *testing.T) {
	root := repoRoot(t)
	r := rampart(t, root, nil, "scan", "testdata/examples", "--format", "json")
	r.wantCode(t, 1)
	rep := parseReport(t, r.stdout)
	if len(rep.Findings) == 0 {
		t.Fatal("the example project has mistakes but no finding was reported")
	}
	severities := map[string]bool{"LOW": true, "MEDIUM": true, "HIGH": true, "CRITICAL": true}
	var viaTfvars bool
	for _, f := range rep.Findings {
		if f.RuleID == "" || f.RuleName == "" || f.Title == "" || f.Message == "" || f.Fingerprint == "" {
			t.Errorf("finding lacks identity or text: %+v", f)
		}
		if !severities[f.Severity] {
			t.Errorf("finding severity %q", f.Severity)
		}
		if f.Resource.ID == "" || f.Resource.Type == "" {
			t.Errorf("finding resource %+v", f.Resource)
		}
		if len(f.Instances) == 0 || !strings.HasSuffix(f.Resource.ID, f.Instances[0].Resource) ||
			!strings.HasPrefix(f.Instances[0].Root, "testdata/examples/") {
			t.Errorf("finding for %s lists instances %+v, want its own first", f.Resource.ID, f.Instances)
		}
		if !strings.HasPrefix(f.Location.File, "testdata/examples/") || f.Location.StartLine < 1 || f.Location.EndLine < f.Location.StartLine {
			t.Errorf("finding location %+v is not a line in a file relative to the scan root", f.Location)
		}
		for _, h := range f.Trace {
			if h.File == "" || h.StartLine < 1 {
				t.Errorf("trace hop %+v has no position", h)
			}
			if strings.HasSuffix(h.File, "terraform.tfvars") && strings.HasSuffix(f.Location.File, "modules/service-sg/main.tf") {
				viaTfvars = true
			}
		}
	}
	if !viaTfvars {
		t.Error("no finding in modules/service-sg/main.tf traces its value to terraform.tfvars (see testdata/examples/README.md)")
	}
	scannedByType := map[string]int{}
	for _, f := range rep.Files {
		if f.Status == "scanned" {
			scannedByType[f.Type]++
		}
	}
	if scannedByType["cloudformation"] == 0 || scannedByType["terraform"] == 0 {
		t.Errorf("scanned files by type = %v, want both CloudFormation and Terraform", scannedByType)
	}
	if rep.Summary.Findings+rep.Summary.Suppressed != len(rep.Findings) || rep.Summary.Resources == 0 {
		t.Errorf("summary %+v does not match %d findings", rep.Summary, len(rep.Findings))
	}
}

func TestE2EExamplesText(t *testing.T) {
	root := repoRoot(t)
	r := rampart(t, root, nil, "scan", "testdata/examples")
	r.wantCode(t, 1)
	if strings.Contains(r.stdout, "\x1b[") {
		t.Error("text report is colored although stdout is not a terminal")
	}
	for _, re := range []string{
		`(?m)^testdata/examples/terraform/modules/service-sg/main\.tf$`,                       // file group header
		`(?m)^  testdata/examples/\S+:\d+  (LOW|MEDIUM|HIGH|CRITICAL)  AWS-[A-Z0-9]+-\d+ \S+`, // finding line
		`(?m)^  > +\d+ \| `, // source snippet, blamed line marked
		`(?m)^    via testdata/examples/terraform/terraform\.tfvars:\d+  `,
		`(?m)^\d+ findings? \(.*\) in \d+ files?.*; \d+ resources? in \d+ files? scanned`,
	} {
		if !regexp.MustCompile(re).MatchString(r.stdout) {
			t.Errorf("text report does not match %s:\n%s", re, r.stdout)
		}
	}
}

// fixture writes files into a new directory that is its own repository root,
// so no .rampart.yaml above it can apply.
func fixture(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const (
	// cleanTemplate has no resource any rule examines.
	cleanTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Handle:
    Type: AWS::CloudFormation::WaitConditionHandle
`
	// sshTemplate opens SSH to the internet (AWS-SG-002, CRITICAL) at line 12.
	sshTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AdminSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin access
      SecurityGroupIngress:
        - Description: SSH
          IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`
	// brokenTemplate is a template (it has the markers) that does not parse.
	brokenTemplate = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: [unclosed
`
)

func TestE2EExitCodes(t *testing.T) {
	dir := fixture(t, map[string]string{
		"clean/stack.yaml":  cleanTemplate,
		"ssh/stack.yaml":    sshTemplate,
		"broken/stack.yaml": brokenTemplate,
		"mixed/ok.yaml":     sshTemplate,
		"mixed/bad.yaml":    brokenTemplate,
	})
	tests := []struct {
		name string
		args []string
		env  []string
		code int
	}{
		{name: "clean", args: []string{"scan", "clean"}, code: 0},
		{name: "finding", args: []string{"scan", "ssh"}, code: 1},
		{name: "finding, fail-on CRITICAL", args: []string{"scan", "ssh", "--fail-on", "CRITICAL"}, code: 1},
		{name: "unknown flag", args: []string{"scan", "clean", "--no-such-flag"}, code: 2},
		{name: "unknown command", args: []string{"scna"}, code: 2},
		{name: "missing path", args: []string{"scan", "nowhere"}, code: 2},
		{name: "unknown format", args: []string{"scan", "clean", "--format", "xml"}, code: 2},
		{name: "bad output-format", args: []string{"scan", "clean", "--output-format", "sarif"}, code: 2},
		{name: "bad environment value", args: []string{"scan", "clean"}, env: []string{"RAMPART_FAIL_ON=severe"}, code: 2},
		{name: "broken template", args: []string{"scan", "broken"}, code: 2},
		{name: "broken template beside a finding", args: []string{"scan", "mixed"}, code: 2},
		{name: "help", args: []string{"scan", "--help"}, code: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rampart(t, dir, tt.env, tt.args...).wantCode(t, tt.code)
		})
	}
}

func TestE2EFailOn(t *testing.T) {
	// A template whose findings are all below HIGH: exit 1 by default and
	// 0 with a threshold above them, whichever rules fire on it.
	dir := fixture(t, map[string]string{"stack.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 8000
          ToPort: 8100
          CidrIp: 10.0.0.0/8
`})
	r := rampart(t, dir, nil, "scan", "--format", "json")
	rep := parseReport(t, r.stdout)
	if rep.Summary.Findings == 0 {
		t.Fatalf("fixture produced no finding; it opens a port range without descriptions:\n%s", r.stdout)
	}
	if rep.Summary.BySeverity["HIGH"]+rep.Summary.BySeverity["CRITICAL"] > 0 {
		t.Fatalf("fixture produced HIGH or CRITICAL findings: %v", rep.Summary.BySeverity)
	}
	r.wantCode(t, 1)
	rampart(t, dir, nil, "scan", "--fail-on", "CRITICAL").wantCode(t, 0)
	rampart(t, dir, []string{"RAMPART_FAIL_ON=HIGH"}, "scan").wantCode(t, 0)
	// The flag wins over the environment.
	rampart(t, dir, []string{"RAMPART_FAIL_ON=HIGH"}, "scan", "--fail-on", "LOW").wantCode(t, 1)
	// The file is below the environment.
	if err := os.WriteFile(filepath.Join(dir, ".rampart.yaml"), []byte("fail_on: CRITICAL\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rampart(t, dir, nil, "scan").wantCode(t, 0)
	rampart(t, dir, []string{"RAMPART_FAIL_ON=LOW"}, "scan").wantCode(t, 1)
}

func TestE2EBrokenTemplate(t *testing.T) {
	dir := fixture(t, map[string]string{"ok.yaml": sshTemplate, "bad.yaml": brokenTemplate})
	r := rampart(t, dir, nil, "scan", "--format", "json")
	r.wantCode(t, 2)
	if !regexp.MustCompile(`bad\.yaml:\d+`).MatchString(r.stderr) {
		t.Errorf("stderr does not name bad.yaml:line:\n%s", r.stderr)
	}
	rep := parseReport(t, r.stdout)
	var named bool
	for _, e := range rep.Errors {
		named = named || (e.Location.File == "bad.yaml" && e.Location.StartLine > 0)
	}
	if !named {
		t.Errorf("errors do not locate bad.yaml: %+v", rep.Errors)
	}
	var failed, okFinding bool
	for _, f := range rep.Files {
		failed = failed || (f.Path == "bad.yaml" && f.Status == "failed")
	}
	for _, f := range rep.Findings {
		okFinding = okFinding || f.Location.File == "ok.yaml"
	}
	if !failed {
		t.Errorf("bad.yaml is not a failed file: %+v", rep.Files)
	}
	if !okFinding {
		t.Error("findings from ok.yaml were not reported beside the broken template")
	}
}

func TestE2EOutputAndEnvironment(t *testing.T) {
	dir := fixture(t, map[string]string{"stack.yaml": sshTemplate})

	// --output: the report goes to the file, nothing to stdout.
	r := rampart(t, dir, nil, "scan", "--format", "json", "--output", "out/report.json")
	r.wantCode(t, 2) // out/ does not exist: the report could not be written
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	r = rampart(t, dir, nil, "scan", "--format", "json", "--output", "out/report.json")
	r.wantCode(t, 1)
	if r.stdout != "" {
		t.Errorf("stdout = %q with --output", r.stdout)
	}
	data, err := os.ReadFile(filepath.Join(dir, "out", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	rep := parseReport(t, string(data))
	var sg002 bool
	for _, f := range rep.Findings {
		if f.RuleID == "AWS-SG-002" {
			sg002 = true
			if f.Location.File != "stack.yaml" || f.Location.StartLine != 12 {
				t.Errorf("AWS-SG-002 at %+v, want stack.yaml:12", f.Location)
			}
		}
	}
	if !sg002 {
		t.Errorf("SSH from 0.0.0.0/0 did not raise AWS-SG-002: %+v", rep.Findings)
	}

	// Environment: RAMPART_FORMAT and RAMPART_OUTPUT, and the flag above them.
	r = rampart(t, dir, []string{"RAMPART_FORMAT=json"}, "scan")
	parseReport(t, r.stdout)
	r = rampart(t, dir, []string{"RAMPART_FORMAT=json"}, "scan", "--format", "text")
	if strings.HasPrefix(r.stdout, "{") || !strings.Contains(r.stdout, "stack.yaml:12  CRITICAL  AWS-SG-002") {
		t.Errorf("--format text did not win over RAMPART_FORMAT:\n%s", r.stdout)
	}
	r = rampart(t, dir, []string{"RAMPART_OUTPUT=env.txt"}, "scan")
	if r.stdout != "" {
		t.Errorf("stdout = %q with RAMPART_OUTPUT", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "env.txt")); err != nil {
		t.Errorf("RAMPART_OUTPUT: %v", err)
	}
	// RAMPART_SKIP_RULE takes IDs and names, comma-separated.
	r = rampart(t, dir, []string{"RAMPART_SKIP_RULE=AWS-SG-002,sg-description-required", "RAMPART_FORMAT=json"}, "scan")
	for _, f := range parseReport(t, r.stdout).Findings {
		if f.RuleID == "AWS-SG-002" || f.RuleName == "sg-description-required" {
			t.Errorf("skipped rule reported: %s", f.RuleID)
		}
	}
}

func TestE2ERulesExplainVersion(t *testing.T) {
	dir := fixture(t, nil)
	r := rampart(t, dir, nil, "rules", "--format", "json")
	r.wantCode(t, 0)
	var doc struct {
		Version int `json:"version"`
		Rules   []struct {
			ID, Name, Severity, Title string
		} `json:"rules"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Rules) == 0 {
		t.Fatalf("rules --format json: %v\n%s", err, r.stdout)
	}
	for _, rule := range doc.Rules {
		if rule.ID == "" || rule.Name == "" || rule.Severity == "" || rule.Title == "" {
			t.Errorf("rule without id, name, severity or title: %+v", rule)
		}
	}
	r = rampart(t, dir, nil, "rules")
	r.wantCode(t, 0)
	if !regexp.MustCompile(`(?m)^ID +NAME +SEVERITY +TITLE`).MatchString(r.stdout) {
		t.Errorf("rules table has no header:\n%s", r.stdout)
	}

	r = rampart(t, dir, nil, "explain", doc.Rules[0].Name)
	r.wantCode(t, 0)
	if !strings.HasPrefix(r.stdout, doc.Rules[0].ID+"  "+doc.Rules[0].Name) {
		t.Errorf("explain %s:\n%s", doc.Rules[0].Name, r.stdout)
	}
	rampart(t, dir, nil, "explain", "NO-SUCH-RULE").wantCode(t, 2)

	r = rampart(t, dir, nil, "version")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "rampart "+e2eVersion) || !strings.Contains(r.stdout, "commit: e2ecommit") {
		t.Errorf("version does not show the link-time values:\n%s", r.stdout)
	}
}

func TestE2EUnknownValuesAndVars(t *testing.T) {
	// The security group's source CIDR is a variable without a value: the
	// admin-port rules cannot decide until it is given.
	dir := fixture(t, map[string]string{
		"main.tf": `variable "admin_cidr" {
  type = string
}

resource "aws_security_group" "admin" {
  name        = "orders-admin"
  description = "admin access"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.admin_cidr]
  }

  tags = {
    Environment = "prod"
    Tier        = "admin"
    Application = "orders"
  }
}
`,
		"k8s/pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n",
		// SSH from the admin network is what AWS-SG-014 allows once that
		// network is named as the bastion range.
		".rampart.yaml": "rule_config:\n  bastion_cidrs: [\"10.0.0.0/8\"]\n",
	})

	r := rampart(t, dir, nil, "scan", "--format", "json")
	r.wantCode(t, 0)
	rep := parseReport(t, r.stdout)
	if len(rep.Findings) != 0 || len(rep.Undecided) == 0 {
		t.Fatalf("want no finding and some undecided checks, got %d findings, %d undecided:\n%s", len(rep.Findings), len(rep.Undecided), r.stdout)
	}
	for _, u := range rep.Undecided {
		if u.RuleID == "" || u.Reason == "" || u.Location.File != "main.tf" || u.Location.StartLine != 14 {
			t.Errorf("undecided %+v: want a rule, a reason and main.tf:14", u)
		}
	}

	r = rampart(t, dir, nil, "scan", "--on-unknown", "fail")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, "FAIL: ") || !strings.Contains(r.stderr, "fail the run") {
		t.Errorf("--on-unknown fail does not say why it fails:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	r = rampart(t, dir, []string{"RAMPART_ON_UNKNOWN=warn"}, "scan")
	r.wantCode(t, 0)
	if !strings.Contains(r.stdout, "WARNING: ") || !strings.Contains(r.stderr, "warning: ") {
		t.Errorf("RAMPART_ON_UNKNOWN=warn is not prominent:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}

	// Giving the variable decides the checks: --var opens SSH to the world,
	// RAMPART_VAR keeps it private, and the flag wins over the environment.
	r = rampart(t, dir, []string{"RAMPART_VAR=admin_cidr=10.0.0.0/8"}, "scan", "--format", "json", "--var", "admin_cidr=0.0.0.0/0")
	r.wantCode(t, 1)
	rep = parseReport(t, r.stdout)
	if len(rep.Undecided) != 0 || len(rep.Findings) == 0 || rep.Findings[0].Location.StartLine != 14 {
		t.Errorf("with --var admin_cidr=0.0.0.0/0: %d undecided, findings %+v", len(rep.Undecided), rep.Findings)
	}
	r = rampart(t, dir, []string{"RAMPART_VAR=admin_cidr=10.0.0.0/8"}, "scan", "--on-unknown", "fail")
	r.wantCode(t, 0)

	// --verbose lists ignored files with their reason.
	r = rampart(t, dir, nil, "scan", "--verbose")
	if !regexp.MustCompile(`(?m)^Ignored files:\n(.*\n)*  k8s/pod\.yaml  \S`).MatchString(r.stdout) {
		t.Errorf("--verbose does not list k8s/pod.yaml with a reason:\n%s", r.stdout)
	}
	if r = rampart(t, dir, nil, "scan"); strings.Contains(r.stdout, "k8s/pod.yaml") {
		t.Errorf("ignored files listed without --verbose:\n%s", r.stdout)
	}
}
