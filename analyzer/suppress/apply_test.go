package suppress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

var (
	today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	rules = []result.Rule{
		{ID: "AWS-SG-002", Name: "sg-no-public-admin-ports"},
		{ID: "AWS-SG-003", Name: "sg-no-public-db-ports"},
		{ID: "AWS-SG-012", Name: "ec2-explicit-security-group"},
	}
)

const mainTF = `resource "aws_security_group" "web" {
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`

// tfFinding is a finding of rule in main.tf at line, about the resource
// aws_security_group.web declared on line 1, as instance module of root.
func tfFinding(rule string, line int, module string) result.Finding {
	id := "aws_security_group.web"
	if module != "" {
		id = module + "." + id
	}
	return result.Finding{RuleID: rule, Location: graph.Location{File: "mod/main.tf", StartLine: line, EndLine: line},
		Resource: result.ResourceRef{ID: id}, Path: "ingress[0].cidrs[0]",
		Instances: []result.Instance{{Root: "root", Module: module, Resource: "aws_security_group.web"}}}
}

func tfResource(module string) *graph.Canonical {
	id := "aws_security_group.web"
	if module != "" {
		id = module + "." + id
	}
	return &graph.Canonical{UID: "root#" + id, ID: id,
		Native: &graph.Resource{ID: id, Loc: graph.Location{File: "mod/main.tf", StartLine: 1, EndLine: 8}}}
}

// applyTo runs Apply on main.tf with the comment inserted before line at
// (1-based; 0 adds none) and the given configuration entries.
func applyTo(t *testing.T, comment string, at int, findings []result.Finding, opts Options) ([]result.Finding, graph.Diagnostics) {
	t.Helper()
	lines := strings.SplitAfter(mainTF, "\n")
	if at > 0 {
		lines = append(lines[:at-1], append([]string{comment + "\n"}, lines[at-1:]...)...)
	}
	src := strings.Join(lines, "")
	opts.Today = today
	return Apply(Input{
		Findings:  findings,
		Resources: []*graph.Canonical{tfResource("module.a"), tfResource("module.b")},
		Rules:     rules, Ran: rules[:2],
		Files:    []result.File{{Path: "mod/main.tf", Status: result.FileScanned, Type: "terraform"}},
		ReadFile: func(string) ([]byte, error) { return []byte(src), nil },
	}, opts)
}

func TestApply(t *testing.T) {
	// After a comment inserted at line 1, the resource starts on line 2,
	// the first ingress block on 3..5 and the second on 6..8.
	both := func() []result.Finding {
		return []result.Finding{tfFinding("AWS-SG-002", 4, "module.a"), tfFinding("AWS-SG-002", 7, "module.b"), tfFinding("AWS-SG-003", 7, "module.a")}
	}
	tests := []struct {
		name       string
		comment    string
		at         int
		findings   []result.Finding
		opts       Options
		suppressed []bool
		diags      []string // substrings, in order
	}{
		{name: "above a resource: all its findings of the rule, every instance",
			comment: "# rampart:ignore AWS-SG-002 -- vpn", at: 1, findings: both(),
			suppressed: []bool{true, true, false}},
		{name: "by rule name",
			comment: "# rampart:ignore sg-no-public-db-ports -- vendor", at: 1, findings: both(),
			suppressed: []bool{false, false, true}},
		{name: "above a block: the findings located in it",
			comment: "  // rampart:ignore AWS-SG-002,AWS-SG-003 -- vpn", at: 5, findings: both(),
			suppressed: []bool{false, true, true}},
		{name: "expired",
			comment: "# rampart:ignore AWS-SG-002 until=2026-05-31 -- vpn", at: 1, findings: both(),
			suppressed: []bool{false, false, false},
			diags:      []string{"warning: suppression comment of AWS-SG-002 expired on 2026-05-31 and no longer suppresses"}},
		{name: "expires on its last day",
			comment: "# rampart:ignore AWS-SG-002 until=2026-06-01 -- vpn", at: 1, findings: both(),
			suppressed: []bool{true, true, false}},
		{name: "no reason",
			comment: "# rampart:ignore AWS-SG-002", at: 1, findings: both(),
			suppressed: []bool{false, false, false},
			diags:      []string{"mod/main.tf:1:1: warning: suppression comment of AWS-SG-002 has no reason and does not suppress; write one after --"}},
		{name: "no reason allowed",
			comment: "# rampart:ignore AWS-SG-002", at: 1, findings: both(), opts: Options{AllowNoReason: true},
			suppressed: []bool{true, true, false}},
		{name: "unknown rule suggests the nearest",
			comment: "# rampart:ignore AWS-SG-02 -- vpn", at: 1, findings: both(),
			suppressed: []bool{false, false, false},
			diags:      []string{`mod/main.tf:1:1: error: suppression comment names rule "AWS-SG-02", which does not exist; did you mean AWS-SG-002?`}},
		{name: "malformed",
			comment: "# rampart:ignore AWS-SG-002 until=tomorrow -- vpn", at: 1, findings: both(),
			suppressed: []bool{false, false, false},
			diags:      []string{`error: rampart:ignore: until "tomorrow" is not a date`}},
		{name: "unused, for a rule that ran",
			comment: "# rampart:ignore AWS-SG-003,AWS-SG-012 -- vpn", at: 1, findings: both()[:2],
			suppressed: []bool{false, false},
			diags:      []string{"warning: suppression comment of AWS-SG-003 matched no finding"}},
		{name: "detached by a blank line",
			comment: "# rampart:ignore AWS-SG-002 -- vpn\n", at: 1, findings: both(),
			suppressed: []bool{false, false, false},
			diags:      []string{"warning: suppression comment of AWS-SG-002 matched no finding"}},
		{name: "config entry naming one module instance",
			findings: both(), opts: Options{Ignores: []config.Ignore{{ID: "AWS-SG-002", Resource: "module.b.aws_security_group.web", Reason: "r"}}},
			suppressed: []bool{false, true, false}},
		{name: "config entry naming the module's block covers every instance",
			findings: both(), opts: Options{Ignores: []config.Ignore{{ID: "AWS-SG-002", Path: "mod/**", Resource: "aws_security_group.web", Reason: "r"}}},
			suppressed: []bool{true, true, false}},
		{name: "config entry for another path",
			findings: both(), opts: Options{Ignores: []config.Ignore{{ID: "AWS-SG-002", Path: "other/**", Reason: "r",
				Location: graph.Location{File: ".rampart.yaml", StartLine: 3}}}},
			suppressed: []bool{false, false, false}}, // and no unused warning: no scanned file is under other/
		{name: "config entry for an unknown rule",
			findings: both(), opts: Options{Ignores: []config.Ignore{{ID: "sg-no-public-admin-port", Reason: "r",
				Location: graph.Location{File: ".rampart.yaml", StartLine: 3}}}},
			suppressed: []bool{false, false, false},
			diags:      []string{`.rampart.yaml:3: error: ignore entry names rule "sg-no-public-admin-port", which does not exist; did you mean AWS-SG-002?`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := applyTo(t, tt.comment, tt.at, tt.findings, tt.opts)
			for i, f := range got {
				if f.Suppressed != tt.suppressed[i] {
					t.Errorf("finding %d (%s line %d %s) suppressed = %v, want %v", i, f.RuleID, f.Location.StartLine, f.Resource.ID, f.Suppressed, tt.suppressed[i])
				}
				if f.Suppressed && (f.Suppression == nil || f.Suppression.Reason == "" && !tt.opts.AllowNoReason) {
					t.Errorf("finding %d: suppression = %+v", i, f.Suppression)
				}
			}
			if len(diags) != len(tt.diags) {
				t.Fatalf("diagnostics = %v, want %d", diags, len(tt.diags))
			}
			for i, d := range diags {
				text := d.Location.String() + ": " + d.Severity.String() + ": " + d.Summary
				if !strings.Contains(text, tt.diags[i]) {
					t.Errorf("diagnostic %d = %q, want %q", i, text, tt.diags[i])
				}
			}
		})
	}
}

func TestApplyLeavesTheInputAlone(t *testing.T) {
	in := []result.Finding{tfFinding("AWS-SG-002", 4, "module.a")}
	got, _ := applyTo(t, "# rampart:ignore AWS-SG-002 -- vpn", 1, in, Options{})
	if !got[0].Suppressed || in[0].Suppressed {
		t.Errorf("got suppressed %v, input suppressed %v", got[0].Suppressed, in[0].Suppressed)
	}
}

func TestApplyMetadata(t *testing.T) {
	decl := graph.Location{File: "t.yaml", StartLine: 5, EndLine: 20}
	at := func(line int) graph.Location { return graph.Location{File: "t.yaml", StartLine: line} }
	entry := func(id, reason, until string, line int) *graph.Value {
		e := graph.Map(at(line)).Set("id", graph.String(id, at(line)))
		if reason != "" {
			e.Set("reason", graph.String(reason, at(line+1)))
		}
		if until != "" {
			e.Set("until", graph.String(until, at(line+2)))
		}
		return e
	}
	meta := graph.Map(at(7)).Set("rampart", graph.Map(at(8)).Set("ignore", graph.List([]*graph.Value{
		entry("ec2-explicit-security-group", "default group is locked", "", 10),
		entry("AWS-SG-002", "vpn", "2020-01-01", 12),
		entry("AWS-SG-003", "", "", 15),
	}, at(9))))
	web := &graph.Canonical{UID: "t.yaml#Web", ID: "Web", Native: &graph.Resource{ID: "Web", Loc: decl,
		Meta: map[string]*graph.Value{"Metadata": meta}}}
	f := result.Finding{RuleID: "AWS-SG-012", Location: at(6), Resource: result.ResourceRef{ID: "Web"},
		Instances: []result.Instance{{Root: "t.yaml", Resource: "Web"}}}
	got, diags := Apply(Input{Findings: []result.Finding{f}, Resources: []*graph.Canonical{web}, Rules: rules, Ran: rules}, Options{Today: today})
	if !got[0].Suppressed || got[0].Suppression.Source != SourceMetadata || got[0].Suppression.Reason != "default group is locked" {
		t.Errorf("finding = %+v", got[0])
	}
	want := []string{
		"t.yaml:12: warning: Metadata suppression of AWS-SG-002 expired on 2020-01-01",
		"t.yaml:15: warning: Metadata suppression of AWS-SG-003 has no reason and does not suppress; add reason",
	}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics = %v", diags)
	}
	for i, d := range diags {
		if text := d.Location.String() + ": " + d.Severity.String() + ": " + d.Summary; !strings.HasPrefix(text, want[i]) {
			t.Errorf("diagnostic %d = %q, want %q", i, text, want[i])
		}
	}

	bad := graph.Map(at(7)).Set("rampart", graph.Map(at(8)).Set("ignore", graph.List([]*graph.Value{
		graph.Map(at(10)).Set("id", graph.String("AWS-SG-002", at(10))).Set("reasn", graph.String("x", at(11))),
	}, at(9))))
	web.Native.Meta["Metadata"] = bad
	_, diags = Apply(Input{Resources: []*graph.Canonical{web}, Rules: rules, Ran: rules}, Options{Today: today})
	if len(diags) != 1 || diags[0].Severity != graph.SeverityError || !strings.Contains(diags[0].Error(), `t.yaml:10: Metadata rampart.ignore: unknown key "reasn"`) {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestBaselineIgnoresLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "baseline.json")
	t.Chdir(dir)
	old := []result.Finding{tfFinding("AWS-SG-002", 4, "module.a"), tfFinding("AWS-SG-003", 7, "module.a")}
	b, err := NewBaseline(path, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Marshal(), 0o644); err != nil {
		t.Fatal(err)
	}
	read, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	// Lines moved by ten, and one new finding on another attribute.
	moved := []result.Finding{tfFinding("AWS-SG-002", 14, "module.b"), tfFinding("AWS-SG-003", 17, "module.a"), tfFinding("AWS-SG-003", 20, "module.a")}
	moved[2].Path = "ingress[1].cidrs[0]"
	got, diags := Apply(Input{Findings: moved, Rules: rules, Ran: rules}, Options{Baseline: read, Today: today})
	for i, want := range []bool{true, true, false} {
		if got[i].Suppressed != want {
			t.Errorf("finding %d suppressed = %v, want %v", i, got[i].Suppressed, want)
		}
	}
	if len(diags) != 0 {
		t.Errorf("diagnostics = %v", diags)
	}
	if got[0].Suppression.Source != SourceBaseline {
		t.Errorf("suppression = %+v", got[0].Suppression)
	}

	// A fixed finding leaves a stale entry, reported once for a scanned file.
	files := []result.File{{Path: "mod/main.tf", Status: result.FileScanned}}
	_, diags = Apply(Input{Findings: moved[:1], Rules: rules, Ran: rules, Files: files}, Options{Baseline: read, Today: today})
	if len(diags) != 1 || !strings.Contains(diags[0].Summary, "1 baseline entries match no finding") || diags[0].Location.StartLine != 5 {
		t.Errorf("diagnostics = %v", diags)
	}
}

func TestBaselineFormat(t *testing.T) {
	b, _ := NewBaseline("b.json", []result.Finding{tfFinding("AWS-SG-002", 4, "module.a"), tfFinding("AWS-SG-002", 4, "module.b")})
	want := `{
  "version": 1,
  "findings": [
    {"rule_id":"AWS-SG-002","file":"mod/main.tf","resource":"aws_security_group.web","attribute":"ingress[0].cidrs[0]"}
  ]
}
`
	if got := string(b.Marshal()); got != want {
		t.Errorf("Marshal:\n%s\nwant:\n%s", got, want)
	}
	empty, _ := NewBaseline("b.json", nil)
	if _, err := ParseBaseline("b.json", empty.Marshal()); err != nil {
		t.Errorf("an empty baseline does not read back: %v", err)
	}
}

func TestParseBaselineErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"", "b.json:1: unexpected end of the file"},
		{"[]", "b.json:1: expected a JSON object"},
		{"{\n  \"version\": 2,\n  \"findings\": []}", "b.json:2: version 2 is not supported"},
		{"{\n  \"findings\": []}", `b.json:1: no "version"`},
		{"{\"version\": 1,\n \"extra\": 1}", `b.json:2: unknown key "extra"`},
		{"{\"version\": 1,\n \"findings\": [\n  {\"rule_id\": \"A\", \"file\": \"f\", \"resource\": \"r\"},\n  {\"rule_id\": \"A\", \"file\": \"f\"}]}", "b.json:4: finding has no resource"},
		{"{\"version\": 1,\n \"findings\": [\n  {\"rule_id\": \"A\" \"file\": \"f\"}]}", "b.json:3: invalid character"},
		{"{\"version\": \"1\"}", "b.json:1: version must be a number, not a string"},
		{"{\"version\": 1, \"findings\": []}\n{}", "b.json:2: text after the end"},
	}
	for _, tt := range tests {
		_, err := ParseBaseline("b.json", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseBaseline(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestWithoutKeys(t *testing.T) {
	for in, want := range map[string]string{
		"aws_s3_bucket.b":                      "aws_s3_bucket.b",
		`module.a["x]y"].aws_s3_bucket.b[0]`:   "module.a.aws_s3_bucket.b",
		`module.a[0].module.b["k\"]"].aws_x.y`: "module.a.module.b.aws_x.y",
	} {
		if got := withoutKeys(in); got != want {
			t.Errorf("withoutKeys(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestApplyReadsTheConfigurationOfAPlan(t *testing.T) {
	// A plan locates its findings in the .tf files it was made from, which
	// the file list shows with the plan's type.
	src := "# rampart:ignore AWS-SG-002 -- vpn\n" + mainTF
	got, diags := Apply(Input{
		Findings: []result.Finding{tfFinding("AWS-SG-002", 4, "")},
		Resources: []*graph.Canonical{{UID: "root#aws_security_group.web", ID: "aws_security_group.web",
			Native: &graph.Resource{ID: "aws_security_group.web", Loc: graph.Location{File: "mod/main.tf", StartLine: 2, EndLine: 9}}}},
		Rules: rules, Ran: rules,
		Files:    []result.File{{Path: "mod/main.tf", Status: result.FileScanned, Type: string(graph.SourceTerraformPlan)}},
		ReadFile: func(string) ([]byte, error) { return []byte(src), nil },
	}, Options{Today: today})
	if !got[0].Suppressed || len(diags) != 0 {
		t.Errorf("suppressed = %v, diagnostics = %v", got[0].Suppressed, diags)
	}
}

func TestReadBaselineMissing(t *testing.T) {
	_, err := ReadBaseline(filepath.Join(t.TempDir(), "nope.json"))
	if err == nil || !strings.Contains(err.Error(), "nope.json does not exist (--write-baseline ") {
		t.Errorf("err = %v", err)
	}
}
