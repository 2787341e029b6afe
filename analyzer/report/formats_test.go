package report

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// scanTime stamps the junit goldens.
var scanTime = time.Date(2026, 12, 6, 16, 0, 0, 0, time.UTC)

// fullResult is sampleResult with the rule catalogue and passing checks a
// real scan carries, which sarif and junit render.
func fullResult() *result.Result {
	res := sampleResult()
	res.Rules = sampleRules()
	res.Passed = []result.Check{
		{RuleID: "AWS-SG-002", Resource: result.ResourceRef{ID: "aws_security_group.admin", Type: "aws_security_group"}, Location: locAt("main.tf", 20, 20)},
		{RuleID: "AWS-S3-001", Resource: result.ResourceRef{ID: "Bucket", Type: "AWS::S3::Bucket"}, Location: locAt("stack.yaml", 10, 10)},
	}
	return res
}

// manyFindings has more findings of each kind than GitHub annotates.
func manyFindings() *result.Result {
	res := &result.Result{Resources: 40}
	for i := range 12 {
		for _, sev := range severitiesDesc() {
			res.Findings = append(res.Findings, result.Finding{
				RuleID: "AWS-X-" + sev.String(), RuleName: "x", Severity: sev,
				Message:  "finding " + sev.String(),
				Resource: result.ResourceRef{ID: "r", Type: "t"},
				Location: graph.Location{File: "main.tf", StartLine: i + 1, EndLine: i + 1},
			})
		}
	}
	return res
}

func TestFormatGoldens(t *testing.T) {
	opts := Options{Tool: tool, Time: scanTime}
	withReports := opts
	withReports.FullReports = []string{"rampart.sarif"}
	linked := opts
	linked.LinkBase = "https://github.com/acme/infra/blob/0123abc/"
	tests := []struct {
		file   string
		format string
		opts   Options
		res    func() *result.Result
	}{
		{"sarif.json", "sarif", opts, fullResult},
		{"sarif-empty.json", "sarif", opts, func() *result.Result { return &result.Result{} }},
		{"junit.xml", "junit", opts, fullResult},
		{"junit-empty.xml", "junit", opts, func() *result.Result { return &result.Result{} }},
		{"github.txt", "github", opts, fullResult},
		{"github-many.txt", "github", withReports, manyFindings},
		{"github-empty.txt", "github", opts, func() *result.Result { return &result.Result{} }},
		{"markdown.md", "markdown", opts, fullResult},
		{"markdown-linked.md", "markdown", linked, fullResult},
		{"markdown-empty.md", "markdown", withReports, func() *result.Result { return &result.Result{} }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			out := render(t, tt.format, tt.opts, tt.res())
			golden(t, tt.file, out)
			switch tt.format {
			case "sarif":
				validateSARIF(t, out)
			case "junit":
				validateJUnit(t, out)
			}
		})
	}
}

// validateSARIF checks a report against the official SARIF 2.1.0 schema.
func validateSARIF(t *testing.T, report []byte) {
	t.Helper()
	schemaPath := filepath.Join("..", "..", "testdata", "schemas", "sarif-schema-2.1.0.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-schema-2.1.0.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("report is not valid SARIF 2.1.0: %v", err)
	}
}

// validateJUnit checks a report against the JUnit XSD with libxml2's
// xmllint. Only a developer machine without xmllint skips; CI installs it
// (.ci/run), and there a missing xmllint fails.
func validateJUnit(t *testing.T, report []byte) {
	t.Helper()
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is required in CI (Debian package libxml2-utils)")
		}
		t.Skip("xmllint is not installed (Debian package libxml2-utils); the JUnit schema check is skipped")
	}
	xsd, err := filepath.Abs(filepath.Join("..", "..", "testdata", "schemas", "junit.xsd"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(xmllint, "--noout", "--nonet", "--schema", xsd, "-")
	cmd.Stdin = bytes.NewReader(report)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("report is not valid against junit.xsd: %v\n%s", err, out)
	}
}

func TestSARIFContent(t *testing.T) {
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []map[string]any `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Invocations []struct {
				ExecutionSuccessful bool             `json:"executionSuccessful"`
				Notifications       []map[string]any `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				RuleIndex           int               `json:"ruleIndex"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				RelatedLocations    []any             `json:"relatedLocations"`
				CodeFlows           []any             `json:"codeFlows"`
				Suppressions        []map[string]any  `json:"suppressions"`
				Locations           []struct {
					Physical struct {
						Artifact struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", Options{Tool: tool}, fullResult()), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		for _, k := range []string{"shortDescription", "fullDescription", "help", "properties"} {
			if _, ok := r[k]; !ok {
				t.Errorf("rule %v has no %s", r["id"], k)
			}
		}
		props := r["properties"].(map[string]any)
		if props["security-severity"] == "" || props["tags"] == nil {
			t.Errorf("rule %v properties = %v", r["id"], props)
		}
	}
	if run.Invocations[0].ExecutionSuccessful {
		t.Error("a run with a parse error is executionSuccessful")
	}
	suppressed := 0
	for _, r := range run.Results {
		if got := run.Tool.Driver.Rules[r.RuleIndex]["id"]; got != r.RuleID {
			t.Errorf("result %s has ruleIndex %d naming %v", r.RuleID, r.RuleIndex, got)
		}
		if r.PartialFingerprints[sarifFingerprintKey] == "" {
			t.Errorf("result %s has no fingerprint", r.RuleID)
		}
		a := r.Locations[0].Physical.Artifact
		if strings.HasPrefix(a.URI, "/") || a.URIBaseID != sarifSrcRoot {
			t.Errorf("result %s artifact location %+v", r.RuleID, a)
		}
		if r.RuleID == "AWS-SG-002" && (len(r.CodeFlows) != 1 || len(r.RelatedLocations) != 3+4) {
			t.Errorf("AWS-SG-002: %d code flows, %d related locations; want 1 and 7 (3 hops, 4 other instances)", len(r.CodeFlows), len(r.RelatedLocations))
		}
		if len(r.Suppressions) > 0 {
			suppressed++
			if s := r.Suppressions[0]; s["kind"] != "inSource" || s["justification"] != "log bucket is write-once" {
				t.Errorf("suppression = %v", s)
			}
		}
	}
	if suppressed != 1 {
		t.Errorf("%d suppressed results, want 1", suppressed)
	}
}

func TestGitHubCommands(t *testing.T) {
	out := string(render(t, "github", Options{Tool: tool}, manyFindings()))
	count := map[string]int{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if kind, _, ok := strings.Cut(strings.TrimPrefix(line, "::"), " "); ok && strings.HasPrefix(line, "::") {
			count[kind]++
		}
	}
	// 24 errors, 12 warnings, 12 notices: ten of each shown (one notice
	// held back for the summary), 14 + 2 + 3 left to the log.
	if count["error"] != 10 || count["warning"] != 10 || count["notice"] != 10 {
		t.Errorf("annotations per kind = %v, want 10 each", count)
	}
	if !strings.Contains(out, "::notice title=rampart summary::") || !strings.Contains(out, "19 more not annotated") {
		t.Errorf("no summary notice counting the hidden annotations:\n%s", out)
	}
}

func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"two\nlines\r", `two\x0alines\x0d`, `two\x0alines\x0d`},
		{"\x1b[31mred", `\x1b[31mred`, `\x1b[31mred`},
	}
	for _, tt := range tests {
		if got := githubData([]string{tt.in}); got != tt.data {
			t.Errorf("githubData(%q) = %q, want %q", tt.in, got, tt.data)
		}
		if got := githubProperty(tt.in); got != tt.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", tt.in, got, tt.prop)
		}
	}
	if got := githubData([]string{"a", "b"}); got != "a%0Ab" {
		t.Errorf("lines joined as %q", got)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a|b", `a\|b`},
		{"<script>", "&lt;script&gt;"},
		{"@acme/admins", "&#64;acme/admins"},
		{"[x](http://e)", `\[x\]\(http://e\)`},
		{"line\nbreak", `line\\x0abreak`},
	}
	for _, tt := range tests {
		if got := mdEscape(tt.in); got != tt.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNoRawControlCharacters holds every format to what the text report
// promises: no control character from a template reaches the output raw.
func TestNoRawControlCharacters(t *testing.T) {
	for _, format := range Names() {
		out := render(t, format, Options{Tool: tool, Time: scanTime, Verbose: true}, fullResult())
		for i, c := range out {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Errorf("%s: raw control byte %#x at offset %d: %q", format, c, i, out[max(0, i-20):min(len(out), i+20)])
				break
			}
		}
	}
}

// TestMarkdownFitsAComment: a large scan lists the worst findings up to the
// row limit and says how many more there are, so the summary stays within
// GitHub's 65,536-character comment limit.
func TestMarkdownFitsAComment(t *testing.T) {
	res := &result.Result{}
	for i := range 500 {
		res.Findings = append(res.Findings, result.Finding{
			RuleID: "AWS-SG-009", RuleName: "sg-required-tags", Severity: result.SeverityLow,
			Message:  "security group lacks required tags Environment, Tier, Application",
			Resource: result.ResourceRef{ID: "module.network.aws_security_group.this[0]"},
			Location: graph.Location{File: "modules/network/security_groups.tf", StartLine: i + 1},
		})
	}
	res.Findings = append(res.Findings, result.Finding{RuleID: "AWS-SG-002", Severity: result.SeverityCritical, Message: "worst", Location: graph.Location{File: "z.tf", StartLine: 1}})
	out := string(render(t, "markdown", Options{Tool: tool, FullReports: []string{"r.sarif"}}, res))
	if len(out) > 65536 {
		t.Errorf("markdown summary is %d characters", len(out))
	}
	if !strings.Contains(out, "… and 401 more findings, in the full report: r.sarif.") {
		t.Errorf("no count of the findings left out:\n%s", out[len(out)-300:])
	}
	if i, j := strings.Index(out, "worst"), strings.Index(out, "lacks required tags"); i < 0 || i > j {
		t.Error("the CRITICAL finding is not listed first")
	}
}

// TestOnlyListingFormatsReadPassed proves what Format.ListsPassed lets a
// scan skip: every other format renders the same report whether or not
// the result carries its passed checks, and a format that lists them does
// not.
func TestOnlyListingFormatsReadPassed(t *testing.T) {
	opts := Options{Tool: tool, Time: scanTime}
	for _, f := range Formats() {
		t.Run(f.Name, func(t *testing.T) {
			with := fullResult()
			without := fullResult()
			without.Passed = nil
			a, _, err := Render(f.New(opts), with)
			if err != nil {
				t.Fatal(err)
			}
			b, _, err := Render(f.New(opts), without)
			if err != nil {
				t.Fatal(err)
			}
			if same := bytes.Equal(a, b); same == f.ListsPassed {
				t.Errorf("ListsPassed %v, but the report with passed checks is the same as without: %v", f.ListsPassed, same)
			}
		})
	}
}
