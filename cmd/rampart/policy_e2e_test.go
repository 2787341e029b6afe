package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// customPolicies is the worked example of docs/writing-policies.md.
const customPolicies = "../../testdata/custom-policies"

func customPoliciesDir(t *testing.T) string {
	t.Helper()
	abs, err := filepath.Abs(customPolicies)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// TestE2EWorkedExample runs the worked example the way the docs do: its
// unit tests, its fixtures, and a scan of the fixtures that reports every
// marked line and records the policy source.
func TestE2EWorkedExample(t *testing.T) {
	ex := customPoliciesDir(t)
	t.Run("policy test", func(t *testing.T) {
		r := rampart(t, ex, nil, "policy", "test", "policies", "-v")
		r.wantCode(t, exitOK)
		if n := strings.Count(r.stdout, "PASS  data.acme.rules."); n != 14 {
			t.Errorf("%d example tests passed, want 14:\n%s", n, r.stdout)
		}
	})
	t.Run("policy test --fixtures", func(t *testing.T) {
		r := rampart(t, ex, nil, "policy", "test", "policies", "--fixtures", "fixtures", "-v")
		r.wantCode(t, exitOK)
		for _, id := range []string{"ACME-101", "ACME-102", "ACME-103"} {
			for _, f := range []string{"cfn-fail.yaml", "cfn-pass.yaml", "tf-fail", "tf-pass"} {
				if want := fmt.Sprintf("PASS  fixture %s fixtures/%s/%s", id, id, f); !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		}
	})
	t.Run("scan", func(t *testing.T) {
		r := rampart(t, ex, nil, "scan", "--policy-dir", "policies", "--rule", "ACME-101", "--rule", "ACME-102", "--rule", "ACME-103", "--format", "json", "fixtures")
		r.wantCode(t, exitFindings)
		rep := parseReport(t, r.stdout)
		var got []string
		for _, f := range rep.Findings {
			got = append(got, fmt.Sprintf("%s %s:%d", f.RuleID, f.Location.File, f.Location.StartLine))
		}
		sort.Strings(got)
		want := []string{
			"ACME-101 fixtures/ACME-101/cfn-fail.yaml:4", "ACME-101 fixtures/ACME-101/cfn-fail.yaml:6",
			"ACME-101 fixtures/ACME-101/tf-fail/main.tf:1", "ACME-101 fixtures/ACME-101/tf-fail/main.tf:5",
			"ACME-102 fixtures/ACME-102/cfn-fail.yaml:23", "ACME-102 fixtures/ACME-102/tf-fail/main.tf:19",
			"ACME-103 fixtures/ACME-103/cfn-fail.yaml:4", "ACME-103 fixtures/ACME-103/tf-fail/main.tf:1",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(rep.Policies) != 1 || rep.Policies[0].Path != "policies" || rep.Policies[0].Files != 3 || !strings.HasPrefix(rep.Policies[0].Digest, "sha256:") {
			t.Errorf("policies = %+v, want the one directory with its 3 files and digest", rep.Policies)
		}
	})
}

// TestE2EPolicyTestFails: a fixture whose markers the rule does not meet
// fails policy test (exit 1) and says where.
func TestE2EPolicyTestFails(t *testing.T) {
	ex := customPoliciesDir(t)
	dir := fixture(t, map[string]string{
		"fx/ACME-103/cfn-fail.yaml": "Resources:\n  Logs:  # expect: ACME-103\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n",
		"fx/ACME-103/cfn-pass.yaml": "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n",
	})
	r := rampart(t, dir, nil, "policy", "test", filepath.Join(ex, "policies"), "--fixtures", "fx")
	r.wantCode(t, exitFindings)
	for _, want := range []string{
		"FAIL  fixture ACME-103 fx/ACME-103/cfn-fail.yaml", "expected finding not reported at fx/ACME-103/cfn-fail.yaml:2",
		"FAIL  fixture ACME-103 fx/ACME-103/cfn-pass.yaml", "finding not marked # expect: ACME-103 at fx/ACME-103/cfn-pass.yaml:2",
		"2 failed",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	r = rampart(t, dir, nil, "policy", "test", filepath.Join(ex, "policies"), "--fixtures", "fx", "--format", "json")
	r.wantCode(t, exitFindings)
	var rep policyTestReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if rep.Failed != 2 || len(rep.Fixtures) != 2 || rep.Passed == 0 || len(rep.Fixtures[0].MissingFindings) != 1 {
		t.Errorf("report = passed %d failed %d fixtures %+v", rep.Passed, rep.Failed, rep.Fixtures)
	}
	if r := rampart(t, dir, nil, "policy", "test", filepath.Join(ex, "policies"), "--fixtures", "fx/ACME-103"); r.code != exitUntrusted || !strings.Contains(r.stderr, "has no directory named after a rule ID") {
		t.Errorf("a fixture directory named after no rule must be exit 2: %d %s", r.code, r.stderr)
	}
}

// TestE2EPolicyTestCoverageAndJSON: --coverage reports the user's files,
// --format json the tests.
func TestE2EPolicyTestCoverageAndJSON(t *testing.T) {
	ex := customPoliciesDir(t)
	r := rampart(t, ex, nil, "policy", "test", "policies", "--coverage", "--format", "json")
	r.wantCode(t, exitOK)
	var rep policyTestReport
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("json: %v\n%s", err, r.stdout)
	}
	if rep.Failed != 0 || rep.Passed < 14 || rep.Coverage == nil || len(rep.Coverage.Files) != 3 {
		t.Fatalf("report = passed %d failed %d coverage %+v", rep.Passed, rep.Failed, rep.Coverage)
	}
	for _, f := range rep.Coverage.Files {
		if !strings.HasPrefix(f.File, "policies/") || f.Coverage <= 50 {
			t.Errorf("coverage of %s = %.1f%%", f.File, f.Coverage)
		}
	}
	r = rampart(t, ex, nil, "policy", "test", "policies", "--coverage")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "% in total") || !strings.Contains(r.stdout, "policies/log_group_retention.rego") {
		t.Errorf("text coverage missing:\n%s", r.stdout)
	}
}

// TestE2EPolicyNew: the scaffold passes policy test and its fixtures as
// written, and never overwrites.
func TestE2EPolicyNew(t *testing.T) {
	dir := fixture(t, nil)
	r := rampart(t, dir, nil, "policy", "new", "acme-queue-owner", "--kind", "aws.sqs.queue", "--id", "ACME-900")
	r.wantCode(t, exitOK)
	for _, f := range []string{"policies/acme_queue_owner.rego", "policies/acme_queue_owner_test.rego", "policies/fixtures/ACME-900/cfn-fail.yaml", "policies/fixtures/ACME-900/tf-pass/main.tf"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("scaffold lacks %s", f)
		}
	}
	r = rampart(t, dir, nil, "policy", "test", "policies", "--fixtures", "policies/fixtures", "-v")
	r.wantCode(t, exitOK)
	if n := strings.Count(r.stdout, "PASS  fixture ACME-900"); n != 4 || strings.Count(r.stdout, "PASS  data.custom.rules.acme_queue_owner_test") != 4 {
		t.Errorf("scaffold does not pass its own tests:\n%s", r.stdout)
	}
	r = rampart(t, dir, nil, "scan", "--policy-dir", "policies", "--rule", "ACME-900", "policies/fixtures")
	r.wantCode(t, exitFindings)
	if strings.Count(r.stdout, "ACME-900 acme-queue-owner") != 2 {
		t.Errorf("scan of the scaffold's fixtures:\n%s", r.stdout)
	}
	if r := rampart(t, dir, nil, "policy", "new", "acme-queue-owner", "--kind", "aws.sqs.queue"); r.code != exitUntrusted || !strings.Contains(r.stderr, "exists") {
		t.Errorf("a second scaffold must refuse to overwrite: %d %s", r.code, r.stderr)
	}
	if r := rampart(t, dir, nil, "policy", "new", "x", "--kind", "aws.s3.buckets"); r.code != exitUntrusted || !strings.Contains(r.stderr, "not a canonical kind") {
		t.Errorf("an unknown kind: %d %s", r.code, r.stderr)
	}
}

// TestE2EPolicyLoadErrors: a policy that does not load is exit 2 with
// file:line and a fix, for scan and policy test alike.
func TestE2EPolicyLoadErrors(t *testing.T) {
	cases := map[string]struct{ text, want string }{
		"missing metadata": {"package acme.rules.x\n\ndeny contains 1 if true\n", "p/x.rego:3: policy defines deny but has no METADATA block with custom.id\n\tfix: put a METADATA block"},
		"built-in ID":      {"# METADATA\n# title: t\n# custom:\n#   id: AWS-SG-002\n#   name: acme-x\n#   severity: LOW\npackage acme.rules.x\n\ndeny contains 1 if false\n", "p/x.rego:1: rule ID AWS-SG-002 is already defined"},
		"http.send":        {"# METADATA\n# title: t\n# custom:\n#   id: ACME-1\n#   name: acme-x\n#   severity: LOW\npackage acme.rules.x\n\ndeny contains x if { x := http.send({}) }\n", "p/x.rego:9: rego_type_error: undefined function http.send\n\tfix: http.send is disabled"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			dir := fixture(t, map[string]string{"p/x.rego": tc.text, "t.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"})
			for _, args := range [][]string{{"scan", "--policy-dir", "p", "t.yaml"}, {"policy", "test", "p"}} {
				r := rampart(t, dir, nil, args...)
				r.wantCode(t, exitUntrusted)
				if !strings.Contains(r.stderr, tc.want) {
					t.Errorf("%v: stderr lacks %q:\n%s", args, tc.want, r.stderr)
				}
			}
		})
	}
}

// TestE2EPolicySources: a .tar.gz bundle, a directory with a .manifest, a
// Git checkout (read from .git, never by running git) and policy_dirs in
// .rampart.yaml load, and the report records each revision.
func TestE2EPolicySources(t *testing.T) {
	rule, err := os.ReadFile(filepath.Join(customPoliciesDir(t), "policies", "log_group_retention.rego"))
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.Repeat("ab12", 10)
	dir := fixture(t, map[string]string{
		"t.yaml":                    "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n",
		"manifested/.manifest":      `{"revision": "2026.12.1", "roots": ["acme"]}`,
		"manifested/logs.rego":      string(rule),
		"checkout/.git/HEAD":        "ref: refs/heads/main\n",
		"checkout/.git/packed-refs": "# pack-refs with: peeled fully-peeled sorted\n" + commit + " refs/heads/main\n",
		"checkout/rules/logs.rego":  string(rule),
		"configured/.rampart.yaml":  "policy_dirs: [../manifested]\n",
		"configured/t.yaml":         "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n",
	})
	writeBundle(t, filepath.Join(dir, "acme.tar.gz"), map[string]string{".manifest": `{"revision": "v7"}`, "acme/logs.rego": string(rule), "acme/logs_test.rego": "package x_test\n"})
	cases := []struct {
		policyDir, kind, revision string
	}{
		{"acme.tar.gz", "bundle", "v7"},
		{"manifested", "bundle", "2026.12.1"},
		{"checkout/rules", "git", commit},
	}
	for _, tc := range cases {
		t.Run(tc.policyDir, func(t *testing.T) {
			r := rampart(t, dir, nil, "scan", "--policy-dir", tc.policyDir, "--rule", "ACME-103", "--format", "json", "t.yaml")
			r.wantCode(t, exitFindings)
			rep := parseReport(t, r.stdout)
			if len(rep.Findings) != 1 || len(rep.Policies) != 1 || rep.Policies[0].Kind != tc.kind || rep.Policies[0].Revision != tc.revision || rep.Policies[0].Files != 1 {
				t.Errorf("findings %d, policies %+v; want %s at %s", len(rep.Findings), rep.Policies, tc.kind, tc.revision)
			}
			r = rampart(t, dir, nil, "scan", "--policy-dir", tc.policyDir, "--rule", "ACME-103", "--format", "sarif", "t.yaml")
			var sarif struct {
				Runs []struct {
					Tool struct {
						Extensions []struct {
							Name, Version string
						} `json:"extensions"`
					} `json:"tool"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &sarif); err != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Tool.Extensions) != 1 ||
				sarif.Runs[0].Tool.Extensions[0].Name != tc.policyDir || sarif.Runs[0].Tool.Extensions[0].Version != tc.revision {
				t.Errorf("SARIF tool.extensions: %v %+v", err, sarif)
			}
		})
	}
	t.Run("policy_dirs in .rampart.yaml", func(t *testing.T) {
		r := rampart(t, filepath.Join(dir, "configured"), nil, "scan", "--rule", "ACME-103", "--format", "json", "t.yaml")
		r.wantCode(t, exitFindings)
		rep := parseReport(t, r.stdout)
		if len(rep.Findings) != 1 || len(rep.Policies) != 1 || rep.Policies[0].Revision != "2026.12.1" {
			t.Errorf("findings %d, policies %+v", len(rep.Findings), rep.Policies)
		}
		// policy test without DIR tests the configured policies.
		r = rampart(t, filepath.Join(dir, "configured"), nil, "policy", "test", "--coverage")
		r.wantCode(t, exitOK)
		if !strings.Contains(r.stdout, "manifested/logs.rego") {
			t.Errorf("policy test did not cover the configured policy directory:\n%s", r.stdout)
		}
	})
}

func writeBundle(t *testing.T, path string, files map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: "/" + n, Mode: 0o644, Size: int64(len(files[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(files[n])); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}
