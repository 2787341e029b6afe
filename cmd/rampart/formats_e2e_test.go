package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EFormats runs the real binary once per format over a template with
// a finding beside one that does not parse, and checks what each consumer
// needs: the finding at its line, and the broken file as an error.
func TestE2EFormats(t *testing.T) {
	dir := fixture(t, map[string]string{"ok.yaml": sshTemplate, "bad.yaml": brokenTemplate})
	tests := []struct {
		format string
		check  func(t *testing.T, out string)
	}{
		{"sarif", func(t *testing.T, out string) {
			var doc struct {
				Version string `json:"version"`
				Runs    []struct {
					Invocations []struct {
						ExecutionSuccessful bool `json:"executionSuccessful"`
					} `json:"invocations"`
					Results []struct {
						RuleID    string `json:"ruleId"`
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct {
									URI string `json:"uri"`
								} `json:"artifactLocation"`
								Region struct {
									StartLine int `json:"startLine"`
								} `json:"region"`
							} `json:"physicalLocation"`
						} `json:"locations"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != "2.1.0" || doc.Runs[0].Invocations[0].ExecutionSuccessful {
				t.Errorf("version %q, executionSuccessful %v", doc.Version, doc.Runs[0].Invocations[0].ExecutionSuccessful)
			}
			found := false
			for _, r := range doc.Runs[0].Results {
				pl := r.Locations[0].PhysicalLocation
				found = found || (r.RuleID == "AWS-SG-002" && pl.ArtifactLocation.URI == "ok.yaml" && pl.Region.StartLine == 12)
			}
			if !found {
				t.Errorf("no AWS-SG-002 result at ok.yaml:12:\n%s", out)
			}
		}},
		{"junit", func(t *testing.T, out string) {
			var doc struct {
				Suites []struct {
					Name   string `xml:"name,attr"`
					Errors int    `xml:"errors,attr"`
					Cases  []struct {
						Name    string    `xml:"name,attr"`
						Failure *struct{} `xml:"failure"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			var failed, errored bool
			for _, s := range doc.Suites {
				errored = errored || s.Errors > 0
				for _, c := range s.Cases {
					failed = failed || (strings.HasPrefix(s.Name, "AWS-SG-002") && c.Failure != nil && strings.HasPrefix(c.Name, "ok.yaml:12 "))
				}
			}
			if !failed || !errored {
				t.Errorf("failing case for ok.yaml:12: %v, error suite: %v\n%s", failed, errored, out)
			}
		}},
		{"github", func(t *testing.T, out string) {
			if !strings.Contains(out, "::error file=ok.yaml,line=12,endLine=12,") || !strings.Contains(out, ",title=CRITICAL AWS-SG-002 ") {
				t.Errorf("no error annotation at ok.yaml:12:\n%s", out)
			}
			if !strings.Contains(out, "::error file=bad.yaml,") || !strings.Contains(out, "::notice title=rampart summary::") {
				t.Errorf("no annotation for bad.yaml or no summary:\n%s", out)
			}
		}},
		{"markdown", func(t *testing.T, out string) {
			if !strings.Contains(out, "| [12](ok.yaml#L12) | CRITICAL | AWS-SG-002 ") || !strings.Contains(out, "[bad.yaml:") {
				t.Errorf("markdown lacks the finding or the failed file:\n%s", out)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := rampart(t, dir, nil, "scan", "--format", tt.format)
			r.wantCode(t, 2)
			tt.check(t, r.stdout)
		})
	}
}

// TestE2ESeveralOutputs writes the text report to stdout and three more to
// files in one run; every output path gets the same protection as --output.
func TestE2ESeveralOutputs(t *testing.T) {
	dir := fixture(t, map[string]string{"stack.yaml": sshTemplate})
	r := rampart(t, dir, nil, "scan", "--format", "text",
		"--output-format", "sarif=r.sarif", "--output-format", "junit=r.xml", "--output-format", "markdown=summary.md")
	r.wantCode(t, 1)
	if !strings.Contains(r.stdout, "stack.yaml:12  CRITICAL  AWS-SG-002") {
		t.Errorf("text report not on stdout:\n%s", r.stdout)
	}
	for name, want := range map[string]string{"r.sarif": `"version": "2.1.0"`, "r.xml": "<testsuites>", "summary.md": "full report: r.sarif, r.xml"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %q:\n%s", name, want, data)
		}
	}

	refused := []struct {
		name string
		args []string
		want string
	}{
		{"over the scanned template", []string{"--output-format", "junit=stack.yaml"}, "never replaces an input"},
		{"through a symbolic link", []string{"--output-format", "sarif=link.sarif"}, "symbolic link"},
		{"twice to one file", []string{"--output", "x.json", "--output-format", "sarif=x.json"}, "already written by --output"},
		{"to stdout", []string{"--output-format", "sarif=-"}, "only the --format report goes to stdout"},
		{"in an unknown format", []string{"--output-format", "yaml=r.yaml"}, `unknown output format "yaml"`},
	}
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), filepath.Join(dir, "link.sarif")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			r := rampart(t, dir, nil, append([]string{"scan", "stack.yaml"}, tt.args...)...)
			r.wantCode(t, 2)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
		})
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "stack.yaml")); string(data) != sshTemplate {
		t.Error("the scanned template was overwritten")
	}
	if _, err := os.Lstat(filepath.Join(dir, "elsewhere")); err == nil {
		t.Error("a report was written through the symbolic link")
	}
}

// TestE2EJUnitListsPassedChecks: a scan keeps its passed checks only when
// a report lists them (analyzer.Options.OmitPassed), so the JUnit report
// must get them whether it is the primary report or an extra one.
func TestE2EJUnitListsPassedChecks(t *testing.T) {
	passedCases := func(t *testing.T, data []byte) int {
		t.Helper()
		var doc struct {
			Suites []struct {
				Cases []struct {
					Failure *struct{} `xml:"failure"`
					Error   *struct{} `xml:"error"`
					Skipped *struct{} `xml:"skipped"`
				} `xml:"testcase"`
			} `xml:"testsuite"`
		}
		if err := xml.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, s := range doc.Suites {
			for _, c := range s.Cases {
				if c.Failure == nil && c.Error == nil && c.Skipped == nil {
					n++
				}
			}
		}
		return n
	}
	dir := fixture(t, map[string]string{"stack.yaml": sshTemplate})
	primary := rampart(t, dir, nil, "scan", "--format", "junit")
	primary.wantCode(t, 1)
	extra := rampart(t, dir, nil, "scan", "--format", "json", "--output-format", "junit=r.xml")
	extra.wantCode(t, 1)
	data, err := os.ReadFile(filepath.Join(dir, "r.xml"))
	if err != nil {
		t.Fatal(err)
	}
	n := passedCases(t, []byte(primary.stdout))
	if n == 0 {
		t.Fatalf("the JUnit report lists no passed check:\n%s", primary.stdout)
	}
	if m := passedCases(t, data); m != n {
		t.Errorf("JUnit beside a JSON report lists %d passed checks, alone %d:\n%s", m, n, data)
	}
}
