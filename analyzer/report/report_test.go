package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func render(t *testing.T, format string, opts Options, res *result.Result) []byte {
	t.Helper()
	w, err := New(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := w.Write(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var tool = Tool{Name: "rampart", Version: "v0.0.0-test"}

func TestGolden(t *testing.T) {
	tests := []struct {
		file   string
		format string
		opts   Options
		res    func() *result.Result
	}{
		{"text.txt", "text", Options{Tool: tool}, sampleResult},
		{"text-verbose.txt", "text", Options{Tool: tool, Verbose: true}, sampleResult},
		{"text-warn-unknown.txt", "text", Options{Tool: tool, OnUnknown: config.OnUnknownWarn}, sampleResult},
		{"text-fail-unknown.txt", "text", Options{Tool: tool, OnUnknown: config.OnUnknownFail}, sampleResult},
		{"text-color.txt", "text", Options{Tool: tool, Color: true}, sampleResult},
		{"text-empty.txt", "text", Options{Tool: tool}, func() *result.Result { return &result.Result{} }},
		{"json.json", "json", Options{Tool: tool}, sampleResult},
		{"json-empty.json", "json", Options{Tool: tool}, func() *result.Result { return &result.Result{} }},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			golden(t, tt.file, render(t, tt.format, tt.opts, tt.res()))
		})
	}
}

func TestRulesGolden(t *testing.T) {
	for _, format := range RuleFormats() {
		var buf bytes.Buffer
		if err := WriteRules(&buf, sampleRules(), format); err != nil {
			t.Fatal(err)
		}
		golden(t, "rules."+format, buf.Bytes())
	}
	var buf bytes.Buffer
	for _, r := range sampleRules() {
		if err := WriteExplain(&buf, r); err != nil {
			t.Fatal(err)
		}
		buf.WriteString("----\n")
	}
	golden(t, "explain.txt", buf.Bytes())
	if err := WriteRules(&buf, nil, "yaml"); err == nil {
		t.Error("WriteRules accepted an unknown format")
	}
}

// TestDeterministic renders shuffled copies of the sample and expects the
// same bytes, and checks that the writers leave their input untouched.
func TestDeterministic(t *testing.T) {
	for _, format := range Names() {
		t.Run(format, func(t *testing.T) {
			want := render(t, format, Options{Tool: tool, Verbose: true}, sampleResult())
			rng := rand.New(rand.NewPCG(1, 2))
			for range 20 {
				res := sampleResult()
				rng.Shuffle(len(res.Findings), func(i, j int) { res.Findings[i], res.Findings[j] = res.Findings[j], res.Findings[i] })
				rng.Shuffle(len(res.Files), func(i, j int) { res.Files[i], res.Files[j] = res.Files[j], res.Files[i] })
				rng.Shuffle(len(res.Warnings), func(i, j int) { res.Warnings[i], res.Warnings[j] = res.Warnings[j], res.Warnings[i] })
				before := sampleResult()
				*before = *res
				before.Findings = append([]result.Finding(nil), res.Findings...)
				if got := render(t, format, Options{Tool: tool, Verbose: true}, res); !bytes.Equal(got, want) {
					t.Fatalf("output depends on input order:\n%s", got)
				}
				if !reflect.DeepEqual(before.Findings, res.Findings) {
					t.Fatal("writer reordered the caller's findings")
				}
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(render(t, "json", Options{Tool: tool}, sampleResult()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != float64(1) {
		t.Errorf("version = %v", doc["version"])
	}
	findings := doc["findings"].([]any)
	if len(findings) != 5 {
		t.Fatalf("%d findings, want 5", len(findings))
	}
	required := []string{"rule_id", "rule_name", "severity", "title", "message", "resource", "location", "suppressed", "remediation", "fingerprint", "trace", "attribute", "notes"}
	for i, f := range findings {
		m := f.(map[string]any)
		for _, k := range required {
			if _, ok := m[k]; !ok {
				t.Errorf("finding %d has no %q", i, k)
			}
		}
		if m["suppressed"] == true {
			s, ok := m["suppression"].(map[string]any)
			if !ok || s["reason"] == "" || s["source"] == "" {
				t.Errorf("suppressed finding %d has suppression %v", i, m["suppression"])
			}
		} else if _, ok := m["suppression"]; ok {
			t.Errorf("unsuppressed finding %d has a suppression", i)
		}
	}
	// Control characters survive JSON as escapes, never raw.
	raw := render(t, "json", Options{Tool: tool}, sampleResult())
	if bytes.ContainsAny(raw, "\x1b\x07\r") {
		t.Error("json output contains a raw control character")
	}

	var empty map[string]any
	if err := json.Unmarshal(render(t, "json", Options{Tool: tool}, &result.Result{}), &empty); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"findings", "undecided", "errors", "warnings", "files"} {
		if l, ok := empty[k].([]any); !ok || len(l) != 0 {
			t.Errorf("empty result: %q = %#v, want []", k, empty[k])
		}
	}
}

func TestTextHasNoRawControlCharacters(t *testing.T) {
	for _, verbose := range []bool{false, true} {
		out := render(t, "text", Options{Tool: tool, Verbose: verbose}, sampleResult())
		for i, c := range out {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Fatalf("verbose=%v: raw control byte %#x at offset %d: %q", verbose, c, i, out[max(0, i-20):min(len(out), i+20)])
			}
		}
		if bytes.Contains(out, []byte("\nfake.tf:1")) {
			t.Error("a message forged a report line")
		}
	}
	colored := render(t, "text", Options{Tool: tool, Color: true}, sampleResult())
	if !bytes.Contains(colored, []byte("\x1b[")) {
		t.Error("Color: true produced no color")
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"tab\tkept", "tab\tkept"},
		{"esc\x1b[31mred", `esc\x1b[31mred`},
		{"line\nbreak\r", `line\x0abreak\x0d`},
		{"bell\x07del\x7f", `bell\x07del\x7f`},
		{"c1 \u009b csi", `c1 \u009b csi`},
		{"bidi \u202eevil\u2066", `bidi \u202eevil\u2066`},
		{"bad \xff utf8", `bad \xff utf8`},
		{"ünïcödé ✓", "ünïcödé ✓"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name    string
		want    string
		wantErr string
	}{
		{name: "text", want: "text"},
		{name: "JSON", want: "json"},
		{name: " sarif ", want: "sarif"},
		{name: "junit", want: "junit"},
		{name: "GitHub", want: "github"},
		{name: "markdown", want: "markdown"},
		{name: "xml", wantErr: `unknown output format "xml" (supported: text, json, sarif, junit, github, markdown)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Lookup(tt.name)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || f.Name != tt.want {
				t.Fatalf("Lookup = %q, %v; want %q", f.Name, err, tt.want)
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	src := "a\nb\nc\nd\ne\nf\ng\n"
	read := func(string) ([]byte, error) { return []byte(src), nil }
	tests := []struct {
		name       string
		start, end int
		want       string
	}{
		{"one line in the middle", 3, 3, "    2 | b\n  > 3 | c\n    4 | d\n"},
		{"first line", 1, 1, "  > 1 | a\n    2 | b\n"},
		{"last line", 7, 7, "    6 | f\n  > 7 | g\n"},
		{"a block: its first line", 2, 7, "    1 | a\n  > 2 | b\n      | ... (6 lines, to line 7)\n"},
		{"three lines in full", 2, 4, "    1 | a\n  > 2 | b\n  > 3 | c\n  > 4 | d\n    5 | e\n"},
		{"past the end of the file", 9, 9, ""},
		{"end past the end", 6, 12, "    5 | e\n  > 6 | f\n  > 7 | g\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &textRun{p: newPalette(false), src: newSourceCache("", nil, read)}
			r.snippet(locAt("f.tf", tt.start, tt.end))
			if got := r.b.String(); got != tt.want {
				t.Errorf("snippet:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestJSONFieldsDocumented keeps docs/json-output.md honest: every key the
// json writer emits must appear in it, in backquotes.
func TestJSONFieldsDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "json-output.md"))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(render(t, "json", Options{Tool: tool}, sampleResult()), &v); err != nil {
		t.Fatal(err)
	}
	var rules any
	var buf bytes.Buffer
	if err := WriteRules(&buf, sampleRules(), "json"); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(buf.Bytes(), &rules); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				keys[k] = true
				walk(child)
			}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(v)
	walk(rules)
	for k := range keys {
		if !bytes.Contains(doc, []byte("`"+k+"`")) && !bytes.Contains(doc, []byte("."+k+"`")) && !bytes.Contains(doc, []byte(`"`+k+`"`)) {
			t.Errorf("json key %q is not documented in docs/json-output.md", k)
		}
	}
}

// TestSnippetBlamesTheAttribute shows a long block by its first line and the
// line that sets the blamed attribute, in Terraform and CloudFormation.
func TestSnippetBlamesTheAttribute(t *testing.T) {
	tf := "resource \"aws_db_instance\" \"main\" {\n  engine = \"postgres\"\n  instance_class = \"db.t3.micro\"\n  allocated_storage = 20\n  storage_encrypted = false\n  port = 5432\n}\n"
	cfn := "  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      DBInstanceClass: db.t3.micro\n      StorageEncrypted: false\n      Port: 5432\n"
	tests := []struct {
		name, src, path string
		start, end      int
		want            string
	}{
		{"terraform attribute", tf, "storage_encrypted", 1, 7,
			"  > 1 | resource \"aws_db_instance\" \"main\" {\n      | ...\n  > 5 |   storage_encrypted = false\n      | ... (7 lines, to line 7)\n"},
		{"cloudformation property", cfn, "storage_encrypted", 1, 7,
			"  > 1 |   Db:\n      | ...\n  > 6 |       StorageEncrypted: false\n      | ... (7 lines, to line 7)\n"},
		{"an absent attribute: the first line", tf, "deletion_protection", 1, 7,
			"  > 1 | resource \"aws_db_instance\" \"main\" {\n      | ... (7 lines, to line 7)\n"},
		{"an indexed attribute is not looked for", tf, "port[0]", 1, 7,
			"  > 1 | resource \"aws_db_instance\" \"main\" {\n      | ... (7 lines, to line 7)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			read := func(string) ([]byte, error) { return []byte(tt.src), nil }
			r := &textRun{p: newPalette(false), src: newSourceCache("", nil, read)}
			r.snippet(locAt("f", tt.start, tt.end), tt.path)
			if got := r.b.String(); got != tt.want {
				t.Errorf("snippet:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestTextGroupsByLocation: the file with the worst finding comes first,
// inside it the worst location first, and findings of several rules at one
// location share one source excerpt and one provenance.
func TestTextGroupsByLocation(t *testing.T) {
	src := map[string]string{"a.tf": "one\n", "b.tf": "l1\nl2\nl3\nl4\nl5\nl6\n"}
	read := func(name string) ([]byte, error) { return []byte(src[name]), nil }
	trace := graph.Trace{{Location: locAt("vars.tf", 3, 3), Note: "default of variable open"}}
	f := func(id string, sev result.Severity, file string, line int) result.Finding {
		return result.Finding{RuleID: id, Severity: sev, Message: id + " fired", Location: locAt(file, line, line), Trace: trace}
	}
	res := &result.Result{Findings: []result.Finding{
		f("R-LOW", result.SeverityLow, "a.tf", 1),
		f("R-MED", result.SeverityMedium, "b.tf", 5),
		f("R-CRIT", result.SeverityCritical, "b.tf", 2),
		f("R-HIGH", result.SeverityHigh, "b.tf", 5),
	}}
	out := string(render(t, "text", Options{ReadFile: read}, res))
	order := []string{"b.tf\n", "b.tf:2  CRITICAL", "b.tf:5  HIGH", "b.tf:5  MEDIUM", "> 5 | l5", "a.tf\n", "a.tf:1  LOW"}
	last := -1
	for _, s := range order {
		i := strings.Index(out, s)
		if i < last {
			t.Fatalf("%q is out of order (want %q):\n%s", s, order, out)
		}
		last = i
	}
	if n := strings.Count(out, "> 5 | l5"); n != 1 {
		t.Errorf("the shared location's source is shown %d times:\n%s", n, out)
	}
	if n := strings.Count(out, "via vars.tf:3"); n != 3 {
		t.Errorf("provenance shown %d times, want once per location (3):\n%s", n, out)
	}
}
