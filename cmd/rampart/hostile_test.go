//go:build unix

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// The hostile-input suite runs the real binary the way a CI gate runs it on
// an untrusted pull request: over a repository whose every file the attacker
// chose, on a machine holding secrets next to it. Each case builds such a
// repository in a temporary directory beside a sibling "outside" directory
// whose files hold a canary, runs rampart under an address-space cap and a
// time bound, and checks what must hold whatever the input: the process ends
// in time with the expected exit code and no runtime crash, a JSON report is
// written where a scan ran, the canary never reaches stdout, stderr or the
// report, and no file anywhere under the temporary directory is created,
// changed or removed except the report the case asks for.
//
// The case names start with the item of the hostile-input issue they cover.

const (
	// hostileCanary is written only to files outside the repository. It is
	// an identifier in HCL and a logical ID in CloudFormation, so that a
	// template read from outside would carry it into resource addresses.
	hostileCanary = "RampartCanary7f3a9c"
	// hostileMemoryKiB caps the child's address space (RLIMIT_AS through
	// `ulimit -v`, which an unprivileged process may lower). The Go runtime
	// reserves a few hundred MiB of address space at start; 2 GiB leaves
	// room for a real scan and stops the gigabyte allocations the issue
	// lists.
	hostileMemoryKiB = 2 << 20
	// hostileTimeout bounds each run. Every case ends in well under a
	// second on a fixed binary; the bound only turns a hang into a failure.
	hostileTimeout = 10 * time.Second
)

// hostileEnv is one case's temporary world: parent holds repo (the scanned
// repository, the working directory), outside (the canary files), home and
// tmp (the child's HOME and TMPDIR, so that a stray write lands where the
// snapshot sees it).
type hostileEnv struct {
	t                          *testing.T
	parent, repo, outside, tmp string
	home                       string
}

func newHostileEnv(t *testing.T) *hostileEnv {
	t.Helper()
	parent := t.TempDir()
	h := &hostileEnv{
		t:       t,
		parent:  parent,
		repo:    filepath.Join(parent, "repo"),
		outside: filepath.Join(parent, "outside"),
		home:    filepath.Join(parent, "home"),
		tmp:     filepath.Join(parent, "tmp"),
	}
	for _, d := range []string{filepath.Join(h.repo, ".git", "hooks"), h.home, h.tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// The outside directory: a secret, and files an attacker would like
	// rampart to read as its own input.
	h.writeAt(h.outside, "secret.txt", "aws_secret_access_key = "+hostileCanary+"\n")
	h.writeAt(h.outside, "secret.tf", openSGTerraform(hostileCanary))
	h.writeAt(h.outside, "secret.tfvars", `name = "`+hostileCanary+`"`+"\n")
	h.writeAt(h.outside, "secret.yaml", openSGTemplate(hostileCanary))
	h.writeAt(h.outside, "params.json", `[{"ParameterKey": "Name", "ParameterValue": "`+hostileCanary+`"}]`+"\n")
	h.writeAt(h.outside, "mod/main.tf", openSGTerraform(hostileCanary))
	h.writeAt(h.outside, "victim.txt", "do not overwrite "+hostileCanary+"\n")
	h.writeAt(h.outside, "policies/canary.rego", "package "+hostileCanary+"\n\ndeny contains x if {\n")
	return h
}

func (h *hostileEnv) writeAt(dir, name, content string) {
	h.t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// write creates a file in the repository.
func (h *hostileEnv) write(name, content string) { h.t.Helper(); h.writeAt(h.repo, name, content) }

// symlink creates name in the repository pointing at target, verbatim.
func (h *hostileEnv) symlink(name, target string) {
	h.t.Helper()
	p := filepath.Join(h.repo, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		h.t.Fatal(err)
	}
}

// fifo creates a named pipe in the repository. Nobody ever writes to it: a
// reader that opens it blocks until the time bound.
func (h *hostileEnv) fifo(name string) {
	h.t.Helper()
	p := filepath.Join(h.repo, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		h.t.Skipf("cannot create a FIFO here: %v", err)
	}
}

// snapshot records every entry under root without following symlinks or
// opening anything but regular files: the type, the mode and either the
// content's hash or the link's target.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	entries := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		desc := info.Mode().String()
		switch {
		case info.Mode().IsRegular():
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			desc += " " + hex.EncodeToString(sum[:])
		case info.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			desc += " -> " + target
		}
		entries[filepath.ToSlash(rel)] = desc
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", root, err)
	}
	return entries
}

// hostileReport is the part of the JSON report every case may look at. It
// is deliberately lenient: the schema itself is pinned by parseReport.
type hostileReport struct {
	Errors []struct {
		Summary  string  `json:"summary"`
		Detail   string  `json:"detail"`
		Location jsonLoc `json:"location"`
	} `json:"errors"`
	Files []struct {
		Path   string `json:"path"`
		Status string `json:"status"`
		Reason string `json:"reason"`
	} `json:"files"`
}

func (r hostileReport) status(path string) string {
	for _, f := range r.Files {
		if f.Path == path {
			return f.Status
		}
	}
	return ""
}

type hostileRun struct {
	code           int
	stdout, stderr string
	report         *hostileReport // nil when the case expects none
	elapsed        time.Duration
}

type hostileCase struct {
	name  string
	build func(h *hostileEnv)
	// args follow "scan"; nil means ". --format json".
	args []string
	env  []string
	// codes are the accepted exit codes. Where the issue leaves the choice
	// between ignoring and refusing an input open, both are accepted and
	// check pins what matters.
	codes []int
	// noReport: the run may stop before scanning (a usage error) with exit
	// 2 and no report. Exit 0 and 1 always need a report.
	noReport bool
	// reportFile is where the case writes its report (relative to the
	// repository); it is the only entry allowed to appear.
	reportFile string
	// signal, when set, is sent after signalAfter.
	signal      syscall.Signal
	signalAfter time.Duration
	check       func(t *testing.T, h *hostileEnv, r hostileRun)
}

func TestHostileInputs(t *testing.T) {
	bin := binary(t)
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to apply the memory cap")
	}
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			h := newHostileEnv(t)
			tc.build(h)
			before := snapshot(t, h.parent)
			r := runHostile(t, bin, h, tc)
			checkHostile(t, h, tc, r, before)
			if tc.check != nil && !t.Failed() {
				tc.check(t, h, r)
			}
		})
	}
}

// runHostile runs the binary in the repository through sh, which lowers the
// address-space limit and then replaces itself with rampart.
func runHostile(t *testing.T, bin string, h *hostileEnv, tc hostileCase) hostileRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	args := tc.args
	if args == nil {
		args = []string{".", "--format", "json"}
	}
	script := fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, hostileMemoryKiB)
	cmd := exec.CommandContext(ctx, "sh", append([]string{"-c", script, bin, "scan"}, args...)...)
	cmd.Dir = h.repo
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + h.home,
		"TMPDIR=" + h.tmp,
		"GOMAXPROCS=2",
	}, tc.env...)
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting rampart: %v", err)
	}
	if tc.signal != 0 {
		time.Sleep(tc.signalAfter)
		if err := cmd.Process.Signal(tc.signal); err != nil {
			t.Fatalf("signalling rampart: %v", err)
		}
	}
	err := cmd.Wait()
	r := hostileRun{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("rampart did not finish within %v\nstderr:\n%s", hostileTimeout, clip(r.stderr))
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		// -1 when a signal killed the process: the signal cases want
		// rampart's own exit 130 or 143, which says it handled the signal.
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running rampart: %v", err)
	}
	return r
}

func checkHostile(t *testing.T, h *hostileEnv, tc hostileCase, r hostileRun, before map[string]string) {
	t.Helper()
	if !slices.Contains(tc.codes, r.code) {
		t.Errorf("exit code = %d, want one of %v (%v)\nstdout:\n%s\nstderr:\n%s", r.code, tc.codes, r.elapsed, clip(r.stdout), clip(r.stderr))
	}
	for _, crash := range []string{"panic:", "fatal error:", "goroutine ", "SIGSEGV", "runtime error"} {
		if strings.Contains(r.stderr, crash) || strings.Contains(r.stdout, crash) {
			t.Errorf("output holds %q, a crash or a stack trace:\n%s", crash, clip(r.stderr+r.stdout))
			break
		}
	}
	written := ""
	if tc.reportFile != "" {
		data, err := os.ReadFile(filepath.Join(h.repo, tc.reportFile))
		if err == nil {
			written = string(data)
		}
	}
	for stream, text := range map[string]string{"stdout": r.stdout, "stderr": r.stderr, "report file": written} {
		if strings.Contains(strings.ToLower(text), strings.ToLower(hostileCanary)) {
			t.Errorf("the canary from outside the repository reached %s:\n%s", stream, clip(text))
		}
	}
	// A run that passes or fails on findings must say why; a run refused
	// before scanning (a usage error) has no report to give.
	if r.code == exitOK || r.code == exitFindings || !tc.noReport && tc.signal == 0 {
		doc := r.stdout
		if tc.reportFile != "" {
			doc = written
		}
		var rep hostileReport
		if err := json.Unmarshal([]byte(doc), &rep); err != nil {
			t.Errorf("no JSON report (%v)\nstdout:\n%s\nstderr:\n%s", err, clip(r.stdout), clip(r.stderr))
		} else {
			r.report = &rep
		}
	}
	after := snapshot(t, h.parent)
	reportPath := ""
	if tc.reportFile != "" {
		reportPath = filepath.ToSlash(filepath.Join("repo", tc.reportFile))
	}
	for p, desc := range after {
		if b, ok := before[p]; !ok && p != reportPath {
			t.Errorf("%s was created: %s", p, desc)
		} else if ok && b != desc && p != reportPath {
			t.Errorf("%s was changed: %s, was %s", p, desc, b)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was removed", p)
		}
	}
}

// clip keeps failure messages readable when a case prints megabytes.
func clip(s string) string {
	const max = 4000
	if len(s) <= max {
		return s
	}
	return s[:max] + fmt.Sprintf("\n... (%d more bytes)", len(s)-max)
}

func openSGTerraform(name string) string {
	return `resource "aws_security_group" "` + name + `" {
  description = "` + name + `"
  ingress {
    description = "ssh"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`
}

func openSGTemplate(name string) string {
	return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  ` + name + `:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ` + name + `
      SecurityGroupIngress:
        - Description: SSH
          IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
`
}

// sgDescribed is a security group whose description is expr, so that the
// expression is evaluated: rampart evaluates what its rules read.
func sgDescribed(expr string) string {
	return "resource \"aws_security_group\" \"g\" {\n  description = " + expr + "\n}\n"
}

// nestedStackTemplate names child as a nested stack's template.
func nestedStackTemplate(child string) string {
	return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ` + child + `
`
}

func utf16LE(s string) string {
	var b bytes.Buffer
	b.Write([]byte{0xFF, 0xFE})
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// wantNotScanned fails when path is listed as scanned: its content was not
// (or must not have been) analysed.
func wantNotScanned(path string) func(*testing.T, *hostileEnv, hostileRun) {
	return func(t *testing.T, _ *hostileEnv, r hostileRun) {
		if r.report != nil && r.report.status(path) == "scanned" {
			t.Errorf("%s is listed as scanned: %+v", path, r.report.Files)
		}
	}
}

// wantNoReport fails when a report reached stdout: a run stopped by a
// signal writes none.
func wantNoReport(t *testing.T, _ *hostileEnv, r hostileRun) {
	if strings.TrimSpace(r.stdout) != "" {
		t.Errorf("a stopped run printed a report:\n%s", clip(r.stdout))
	}
}

// wantStderr fails unless stderr contains every one of parts.
func wantStderr(parts ...string) func(*testing.T, *hostileEnv, hostileRun) {
	return func(t *testing.T, _ *hostileEnv, r hostileRun) {
		for _, p := range parts {
			if !strings.Contains(r.stderr, p) {
				t.Errorf("stderr does not say %q:\n%s", p, clip(r.stderr))
			}
		}
	}
}

// wantNoEscape fails when a control character other than newline and tab
// reaches a stream: repository-controlled text must be escaped.
func wantNoEscape(t *testing.T, _ *hostileEnv, r hostileRun) {
	for stream, text := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		if i := strings.IndexFunc(text, func(c rune) bool { return c < 0x20 && c != '\n' && c != '\t' || c == 0x7f }); i >= 0 {
			t.Errorf("%s holds the control character %q unescaped:\n%q", stream, text[i], clip(text))
		}
	}
}

// wantErrorAtLine fails unless an error of the report is located at line
// in file.
func wantErrorAtLine(file string, line int) func(*testing.T, *hostileEnv, hostileRun) {
	return func(t *testing.T, _ *hostileEnv, r hostileRun) {
		if r.report == nil {
			return
		}
		for _, e := range r.report.Errors {
			if e.Location.File == file && e.Location.StartLine == line {
				return
			}
		}
		t.Errorf("no error at %s:%d: %+v", file, line, r.report.Errors)
	}
}

// slowPolicy is a valid custom rule whose evaluation takes minutes: it
// keeps a scan running long enough to be interrupted.
const slowPolicy = `# METADATA
# title: Slow rule
# description: Compares every pair of ten billion numbers; used to test interruption.
# custom:
#   id: SLOW-001
#   name: slow-rule
#   severity: LOW
#   remediation: None.
#   kinds:
#     - aws.ec2.security_group
package hostile.slow

import data.rampart.lib

deny contains f if {
	some sg in lib.resources("aws.ec2.security_group")
	some i in numbers.range(1, 100000)
	some j in numbers.range(1, 100000)
	i * j == -1
	f := lib.finding(sg, [], "never")
}
`

func hostileCases() []hostileCase {
	var (
		scan   = []int{0}
		finds  = []int{0, 1}
		refuse = []int{2}
	)
	deepChain := func(h *hostileEnv) {
		// s0 -> s1 -> ... -> s20: deeper than the 16 levels analysed.
		for i := 0; i < 20; i++ {
			h.write(fmt.Sprintf("s%d.yaml", i), nestedStackTemplate(fmt.Sprintf("./s%d.yaml", i+1)))
		}
		h.write("s20.yaml", openSGTemplate("Deepest"))
	}
	return []hostileCase{
		// 1. Unknown list elements crash the normalizer.
		{name: "01-cfn-if-novalue-rule", codes: finds, build: func(h *hostileEnv) {
			h.write("sg.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AllowSSH:
    Type: String
    AllowedValues: ["true", "false"]
Conditions:
  SSH: !Equals [!Ref AllowSSH, "true"]
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress:
        - !If
          - SSH
          - Description: ssh
            IpProtocol: tcp
            FromPort: 22
            ToPort: 22
            CidrIp: 10.0.0.0/8
          - !Ref AWS::NoValue
`)
		}},
		{name: "01-tf-unknown-ingress-element", codes: finds, build: func(h *hostileEnv) {
			h.write("main.tf", `variable "u" {}

resource "aws_security_group" "g" {
  description = "app"
  ingress     = [var.u]
}
`)
		}},

		// 2. Nothing outside the repository is read.
		{name: "02-module-source-beyond-root", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "module \"m\" {\n  source = \"../outside/mod\"\n}\n")
		}},
		{name: "02-symlinked-tf-file", codes: []int{0, 2}, check: wantNotScanned("secret.tf"), build: func(h *hostileEnv) {
			h.write("main.tf", "resource \"terraform_data\" \"x\" {}\n")
			h.symlink("secret.tf", "../outside/secret.tf")
		}},
		{name: "02-symlinked-tfvars", codes: []int{0, 1, 2}, build: func(h *hostileEnv) {
			h.write("main.tf", "variable \"name\" {\n  default = \"app\"\n}\n\nresource \"aws_security_group\" \"g\" {\n  description = var.name\n}\n")
			h.symlink("terraform.tfvars", "../outside/secret.tfvars")
		}},
		{name: "02-symlinked-module-dir", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "module \"m\" {\n  source = \"./modules/m\"\n}\n")
			h.symlink("modules/m", "../../outside/mod")
		}},
		{name: "02-modules-json-dir-outside", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "module \"m\" {\n  source  = \"terraform-aws-modules/security-group/aws\"\n  version = \"5.1.0\"\n}\n")
			h.write(".terraform/modules/modules.json", `{"Modules":[{"Key":"","Source":"","Dir":"."},`+
				`{"Key":"m","Source":"registry.terraform.io/terraform-aws-modules/security-group/aws","Version":"5.1.0","Dir":"../outside/mod"}]}`)
		}},
		{name: "02-nested-stack-symlink", codes: refuse, args: []string{"parent.yaml", "--format", "json"}, build: func(h *hostileEnv) {
			h.write("parent.yaml", nestedStackTemplate("./child.yaml"))
			h.symlink("child.yaml", "../outside/secret.yaml")
		}},
		{name: "02-templatefile-outside", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`templatefile("${path.module}/../outside/secret.txt", {})`))
		}},
		{name: "02-sam-application-location-outside", codes: refuse, build: func(h *hostileEnv) {
			h.write("t.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location: ../outside/secret.yaml
`)
		}},
		{name: "02-config-symlink-outside", codes: []int{0, 2}, noReport: true, build: func(h *hostileEnv) {
			h.write("main.tf", "resource \"terraform_data\" \"x\" {}\n")
			h.symlink(".rampart.yaml", "../outside/secret.txt")
		}},

		// 3. The report never overwrites an input or escapes the repository.
		{name: "03-output-is-scanned-file", codes: refuse, noReport: true, args: []string{"t.yaml", "--format", "json", "-o", "t.yaml"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
		{name: "03-output-is-symlink", codes: refuse, noReport: true, args: []string{".", "--format", "json", "-o", "out.json"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.symlink("out.json", "../outside/victim.txt")
		}},
		{name: "03-config-output-outside", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "output: ../outside/pwned.json\n")
		}},
		{name: "03-config-output-git-hook", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "output: .git/hooks/pre-commit\n")
		}},
		{name: "03-config-policy-dir-outside", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "policy_dirs: [../outside/policies]\n")
		}},
		{name: "03-config-var-file-outside", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("main.tf", "variable \"name\" {}\n")
			h.write(".rampart.yaml", "var_files: [../outside/secret.tfvars]\n")
		}},
		{name: "03-config-cfn-param-file-outside", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "cfn_param_files: [../outside/params.json]\n")
		}},

		// 4. Only regular files, through a size limit on what is read.
		{name: "04-tf-symlink-to-dev-zero", codes: []int{0, 2}, check: wantNotScanned("main.tf"), build: func(h *hostileEnv) {
			h.symlink("main.tf", "/dev/zero")
		}},
		{name: "04-tfvars-symlink-to-dev-zero", codes: []int{0, 2}, build: func(h *hostileEnv) {
			h.write("main.tf", "variable \"name\" {\n  default = \"app\"\n}\n")
			h.symlink("terraform.tfvars", "/dev/zero")
		}},
		{name: "04-nested-template-dev-zero", codes: refuse, args: []string{"parent.yaml", "--format", "json"}, build: func(h *hostileEnv) {
			h.write("parent.yaml", nestedStackTemplate("./child.yaml"))
			h.symlink("child.yaml", "/dev/zero")
		}},
		{name: "04-fifo-path-argument", codes: refuse, noReport: true, args: []string{"pipe.tf", "--format", "json"}, build: func(h *hostileEnv) {
			h.fifo("pipe.tf")
		}},
		{name: "04-fifo-in-directory", codes: []int{0, 2}, check: wantNotScanned("pipe.yaml"), build: func(h *hostileEnv) {
			h.write("t.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}\n")
			h.fifo("pipe.yaml")
		}},
		{name: "04-fifo-in-module", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "module \"m\" {\n  source = \"./modules/m\"\n}\n")
			h.fifo("modules/m/main.tf")
		}},
		{name: "04-fifo-tfvars", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "variable \"name\" {\n  default = \"app\"\n}\n")
			h.fifo("terraform.tfvars")
		}},
		{name: "04-fifo-file-function", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`file("${path.module}/data.txt")`))
			h.fifo("data.txt")
		}},
		{name: "04-fifo-template-url", codes: refuse, args: []string{"parent.yaml", "--format", "json"}, build: func(h *hostileEnv) {
			h.write("parent.yaml", nestedStackTemplate("./child.yaml"))
			h.fifo("child.yaml")
		}},
		{name: "04-var-file-dev-zero", codes: refuse, noReport: true, args: []string{".", "--format", "json", "--var-file", "/dev/zero"}, build: func(h *hostileEnv) {
			h.write("main.tf", "variable \"name\" {\n  default = \"app\"\n}\n")
		}},
		{name: "04-file-function-dev-zero", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`file("${path.module}/data.txt")`))
			h.symlink("data.txt", "/dev/zero")
		}},
		{name: "04-templatefile-dev-zero", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`templatefile("${path.module}/t.tpl", {})`))
			h.symlink("t.tpl", "/dev/zero")
		}},
		{name: "04-cfn-param-file-fifo", codes: refuse, noReport: true, args: []string{".", "--format", "json", "--cfn-param-file", "params.json"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.fifo("params.json")
		}},
		{name: "04-file-function-outside", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`file("${path.module}/../outside/secret.txt")`))
		}},

		// 5. HCL nesting depth.
		{name: "05-nested-parentheses", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "locals {\n  x = "+strings.Repeat("(", 80000)+"1"+strings.Repeat(")", 80000)+"\n}\n")
		}},
		{name: "05-nested-blocks", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", "resource \"terraform_data\" \"x\" {\n"+strings.Repeat("a {\n", 10000)+strings.Repeat("}\n", 10000)+"}\n")
		}},

		// 6. Function budgets.
		{name: "06-format-huge-width", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`format("%0999999999d", 1)`))
		}},
		{name: "06-yamldecode-billion-laughs", codes: refuse, build: func(h *hostileEnv) {
			var doc strings.Builder
			doc.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
			for c := 'b'; c <= 'j'; c++ {
				fmt.Fprintf(&doc, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1, c-1)
			}
			h.write("bomb.yaml", doc.String())
			h.write("main.tf", sgDescribed(`jsonencode(yamldecode(file("${path.module}/bomb.yaml")))`))
		}},
		{name: "06-pow-negative-half", codes: []int{0, 2}, build: func(h *hostileEnv) {
			h.write("main.tf", sgDescribed(`tostring(pow(-1, 0.5))`))
		}},

		// 7. Expansion budgets.
		{name: "07-count-above-limit", codes: refuse, check: wantErrorAtLine("main.tf", 2), build: func(h *hostileEnv) {
			h.write("main.tf", "resource \"aws_security_group\" \"x\" {\n  count = 2000000\n}\n")
		}},
		{name: "07-for-each-map-20000-keys", codes: refuse, check: wantErrorAtLine("main.tf", 2), build: func(h *hostileEnv) {
			keys := make([]string, 20000)
			for i := range keys {
				keys[i] = fmt.Sprintf("k%d = %d", i, i)
			}
			h.write("main.tf", "resource \"aws_security_group\" \"x\" {\n  for_each = {"+strings.Join(keys, ", ")+"}\n}\n")
		}},
		// The form: the keys go through toset first.
		{name: "07-for-each-toset-20000-keys", codes: refuse, check: wantErrorAtLine("main.tf", 2),
			build: func(h *hostileEnv) {
				keys := make([]string, 20000)
				for i := range keys {
					keys[i] = fmt.Sprintf("%q", fmt.Sprintf("k%d", i))
				}
				h.write("main.tf", "resource \"aws_security_group\" \"x\" {\n  for_each = toset(["+strings.Join(keys, ", ")+"])\n}\n")
			}},
		// A set-typed variable: the budget is checked before the set is
		// walked (each walk sorts it).
		{name: "07-for-each-set-variable-20000-keys", codes: refuse, check: wantErrorAtLine("main.tf", 6),
			build: func(h *hostileEnv) {
				keys := make([]string, 20000)
				for i := range keys {
					keys[i] = fmt.Sprintf("%q", fmt.Sprintf("k%d", i))
				}
				h.write("main.tf", "variable \"names\" {\n  type    = set(string)\n  default = ["+strings.Join(keys, ", ")+
					"]\n}\nresource \"aws_security_group\" \"x\" {\n  for_each = var.names\n  name     = each.value\n}\n")
			}},
		// Nested loops multiply inside hcl: the for-expression budget.
		{name: "07-nested-for", codes: refuse, check: wantErrorAtLine("main.tf", 3), build: func(h *hostileEnv) {
			h.write("main.tf", "locals {\n  r = range(1000)\n  x = [for a in local.r : [for b in local.r : [for c in local.r : 1]]]\n}\n")
		}},
		{name: "07-nested-template-for", codes: refuse, check: wantErrorAtLine("main.tf", 3), build: func(h *hostileEnv) {
			h.write("main.tf", "locals {\n  r = range(1000)\n  s = \"%{for a in local.r}%{for b in local.r}%{for c in local.r}x%{endfor}%{endfor}%{endfor}\"\n}\n")
		}},
		{name: "07-nested-for-tf-json", codes: refuse, check: wantErrorAtLine("main.tf.json", 2), build: func(h *hostileEnv) {
			h.write("main.tf.json", "{\"locals\": {\"r\": \"${range(1000)}\",\n\"x\": \"${[for a in local.r : [for b in local.r : [for c in local.r : 1]]]}\"}}\n")
		}},

		// 8. Signals end the scan.
		{name: "08-sigterm", codes: []int{143}, noReport: true, check: wantNoReport, signal: syscall.SIGTERM, signalAfter: time.Second,
			args: []string{".", "--format", "json", "--policy-dir", "policies"},
			build: func(h *hostileEnv) {
				h.write("t.yaml", openSGTemplate("Open"))
				h.write("policies/slow.rego", slowPolicy)
			}},
		{name: "08-sigint", codes: []int{130}, noReport: true, check: wantNoReport, signal: syscall.SIGINT, signalAfter: time.Second,
			args: []string{".", "--format", "json", "--policy-dir", "policies"},
			build: func(h *hostileEnv) {
				h.write("t.yaml", openSGTemplate("Open"))
				h.write("policies/slow.rego", slowPolicy)
			}},

		// 9. A template nobody checked never passes.
		{name: "09-json-space-before-colon", codes: refuse, check: wantNotScanned("t.json"), build: func(h *hostileEnv) {
			h.write("t.json", "{\n  \"Resources\" : {\n    \"G\" : {\n      \"Type\" : \"AWS::EC2::SecurityGroup\",\n    }\n  }\n")
		}},
		{name: "09-utf16-template", codes: []int{1, 2}, build: func(h *hostileEnv) {
			h.write("t.yaml", utf16LE(openSGTemplate("Open")))
		}},
		{name: "09-utf16-plan", codes: []int{0, 1, 2}, check: func(t *testing.T, h *hostileEnv, r hostileRun) {
			if r.report != nil && r.report.status("plan.json") == "ignored" {
				t.Errorf("a UTF-16 plan is ignored: %+v", r.report.Files)
			}
		}, build: func(h *hostileEnv) {
			h.write("plan.json", utf16LE(`{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{}},"configuration":{"root_module":{}}}`))
		}},
		{name: "09-oversized-template-late-marker", codes: refuse, check: wantNotScanned("big.yaml"), build: func(h *hostileEnv) {
			pad := strings.Repeat("# "+strings.Repeat("x", 97)+"\n", (10<<20)/100+1000)
			h.write("big.yaml", pad+openSGTemplate("Open"))
		}},
		{name: "09-multi-document-yaml", codes: refuse, check: wantErrorAtLine("t.yaml", 13), build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open")+"---\n"+openSGTemplate("Second"))
		}},
		{name: "09-template-after-empty-document", codes: refuse, build: func(h *hostileEnv) {
			h.write("t.yaml", "---\n---\n"+openSGTemplate("Open"))
		}},

		// 10. Reference cycles.
		{name: "10-reference-cycle", codes: refuse, build: func(h *hostileEnv) {
			h.write("main.tf", `resource "aws_security_group" "a" {
  description = aws_security_group.b.description
}

resource "aws_security_group" "b" {
  description = aws_security_group.a.description
}
`)
		}},

		// 11. Repository-controlled text is escaped.
		{name: "11-escape-path-argument", codes: refuse, noReport: true, check: wantNoEscape, args: []string{"\x1b[2J\x1b]0;owned\x07", "--format", "json"}, build: func(h *hostileEnv) {}},
		{name: "11-escape-config-value", codes: refuse, noReport: true, check: wantNoEscape, args: []string{"."}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "format: \"\\e[2J\\e]0;owned\\a\"\n")
		}},
		{name: "11-escape-policy-parse-error", codes: refuse, noReport: true, check: wantNoEscape, args: []string{".", "--format", "json", "--policy-dir", "policies"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write("policies/bad.rego", "package bad\n\ndeny contains \x1b[2J\x1b]0;owned\x07 if {\n")
		}},

		// 12. YAML errors at the problem's line.
		{name: "12-yaml-error-line", codes: refuse, check: wantErrorAtLine("t.yaml", 307), build: func(h *hostileEnv) {
			var b strings.Builder
			b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n")
			for i := 6; i < 307; i++ {
				fmt.Fprintf(&b, "      K%d: v\n", i)
			}
			b.WriteString("      Bad: [unclosed\n")
			h.write("t.yaml", b.String())
		}},

		// 13. Rule, profile and glob validation.
		{name: "13-rule-near-miss", codes: refuse, noReport: true, check: wantStderr("did you mean"), args: []string{".", "--format", "json", "--rule", "AWS-SG-02"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
		{name: "13-unknown-profile", codes: refuse, noReport: true, args: []string{".", "--format", "json", "--profile", "no-such-profile"}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
		{name: "13-bad-exclude-flag", codes: refuse, noReport: true, args: []string{".", "--format", "json", "--exclude", "["}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
		{name: "13-bad-exclude-environment", codes: refuse, noReport: true, env: []string{"RAMPART_EXCLUDE=["}, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
		{name: "13-bad-exclude-file", codes: refuse, noReport: true, build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
			h.write(".rampart.yaml", "exclude: [\"[\"]\n")
		}},

		// 14. File accounting and SAM Globals.
		{name: "14-nested-stack-chain-too-deep", codes: refuse, args: []string{"s0.yaml", "--format", "json"}, build: deepChain,
			check: func(t *testing.T, h *hostileEnv, r hostileRun) {
				for i := 17; i <= 20; i++ {
					wantNotScanned(fmt.Sprintf("s%d.yaml", i))(t, h, r)
				}
			}},
		{name: "14-sam-globals-invalid", codes: refuse, build: func(h *hostileEnv) {
			h.write("t.yaml", `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function: not-a-map
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
`)
		}},

		// A clean repository: the harness itself accepts a normal scan.
		{name: "00-control-clean-scan", codes: scan, build: func(h *hostileEnv) {
			h.write("t.yaml", "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n")
		}},
		{name: "00-control-report-file", codes: []int{1}, args: []string{".", "--format", "json", "-o", "report.json"}, reportFile: "report.json", build: func(h *hostileEnv) {
			h.write("t.yaml", openSGTemplate("Open"))
		}},
	}
}
