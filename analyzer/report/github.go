package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// githubAnnotationLimit is how many annotations of each kind (error,
// warning, notice) GitHub shows for one step; it drops the rest.
const githubAnnotationLimit = 10

type githubWriter struct{ opts Options }

func newGitHub(opts Options) Writer { return githubWriter{opts: opts} }

// annotation is one workflow command before it is written.
type annotation struct {
	kind  string // error, warning or notice
	loc   graph.Location
	title string
	lines []string
}

// Write renders res as GitHub Actions workflow commands: errors (files
// that could not be analysed) first, then findings worst first (CRITICAL
// and HIGH as errors, MEDIUM as warnings, LOW as notices), then warnings.
// GitHub annotates only the first ten of each kind in a step, so the rest
// are written as plain log lines, and a last notice (for which one notice
// is held back) counts everything and points at the full report.
// Suppressed findings and undecided checks are only counted.
func (gw githubWriter) Write(w io.Writer, res *result.Result) error {
	var anns []annotation
	for _, d := range failedFiles(res) {
		anns = append(anns, annotation{kind: "error", loc: d.Location, title: "rampart: " + d.Summary, lines: []string{diagnosticText(d)}})
	}
	for _, f := range findingsWorstFirst(res.Findings) {
		anns = append(anns, findingAnnotation(f))
	}
	for _, d := range sortedDiagnostics(res.Warnings) {
		kind := "warning"
		if d.Severity == graph.SeverityNote {
			kind = "notice"
		}
		anns = append(anns, annotation{kind: kind, loc: d.Location, title: "rampart: " + d.Severity.String(), lines: []string{diagnosticText(d)}})
	}

	var b strings.Builder
	shown := map[string]int{}
	hidden := 0
	for _, a := range anns {
		limit := githubAnnotationLimit
		if a.kind == "notice" {
			limit-- // the summary notice must be shown
		}
		if shown[a.kind] < limit {
			shown[a.kind]++
			b.WriteString(a.command())
			continue
		}
		hidden++
		b.WriteString(a.logLine())
	}
	b.WriteString(gw.summary(res, hidden))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing github report: %w", err)
	}
	return nil
}

// findingsWorstFirst are the unsuppressed findings, most severe first,
// then by location.
func findingsWorstFirst(fs []result.Finding) []result.Finding {
	var open []result.Finding
	for _, f := range sortedFindings(fs) {
		if !f.Suppressed {
			open = append(open, f)
		}
	}
	slices.SortStableFunc(open, func(a, b result.Finding) int { return cmp.Compare(b.Severity, a.Severity) })
	return open
}

func findingAnnotation(f result.Finding) annotation {
	kind := "notice"
	switch f.Severity {
	case result.SeverityCritical, result.SeverityHigh:
		kind = "error"
	case result.SeverityMedium:
		kind = "warning"
	}
	lines := []string{f.Message}
	if f.Resource.ID != "" {
		lines = append(lines, "Resource: "+f.Resource.ID)
	}
	if f.Remediation != "" {
		lines = append(lines, "Remediation: "+strings.Join(strings.Fields(f.Remediation), " "))
	}
	for _, h := range f.Trace {
		lines = append(lines, "via "+hopText(h))
	}
	if n := len(f.Instances); n > 1 {
		lines = append(lines, fmt.Sprintf("in %d instances (rampart explain %s; the json report lists them)", n, f.RuleID))
	}
	return annotation{
		kind:  kind,
		loc:   f.Location,
		title: strings.TrimSpace(f.Severity.String() + " " + f.RuleID + " " + f.RuleName),
		lines: lines,
	}
}

func hopText(h graph.Hop) string {
	if h.File == "" {
		return hopNote(h)
	}
	return h.Location.String() + " " + hopNote(h)
}

// command renders the annotation as one workflow command line.
func (a annotation) command() string {
	var props []string
	if a.loc.File != "" {
		props = append(props, "file="+githubProperty(a.loc.File))
		if l := a.loc.Normalized(); l.StartLine > 0 {
			props = append(props, "line="+strconv.Itoa(l.StartLine), "endLine="+strconv.Itoa(l.EndLine))
			if l.StartCol > 0 && l.EndLine == l.StartLine {
				props = append(props, "col="+strconv.Itoa(l.StartCol))
				if l.EndCol > l.StartCol {
					props = append(props, "endColumn="+strconv.Itoa(l.EndCol))
				}
			}
		}
	}
	props = append(props, "title="+githubProperty(a.title))
	return "::" + a.kind + " " + strings.Join(props, ",") + "::" + githubData(a.lines) + "\n"
}

// logLine renders an annotation GitHub would drop as a plain log line,
// prefixed so it can never start a workflow command.
func (a annotation) logLine() string {
	return "rampart: " + Escape(loc(a.loc)) + ": " + Escape(a.title) + ": " + Escape(a.lines[0]) + "\n"
}

func (gw githubWriter) summary(res *result.Result, hidden int) string {
	s := res.Summarize()
	var parts []string
	if s.Findings == 0 {
		parts = append(parts, "no findings")
	} else {
		var bySev []string
		for _, sev := range severitiesDesc() {
			if n := s.BySeverity[sev.String()]; n > 0 {
				bySev = append(bySev, fmt.Sprintf("%d %s", n, sev))
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", plural(s.Findings, "finding"), strings.Join(bySev, ", ")))
	}
	if s.Suppressed > 0 {
		parts = append(parts, fmt.Sprintf("%d suppressed", s.Suppressed))
	}
	if s.Undecided > 0 {
		parts = append(parts, fmt.Sprintf("%d undecided", s.Undecided))
	}
	if n := len(failedFiles(res)); n > 0 {
		parts = append(parts, plural(n, "error"))
	}
	parts = append(parts, fmt.Sprintf("%s in %s scanned", plural(s.Resources, "resource"), plural(s.Scanned, "file")))
	lines := []string{strings.Join(parts, "; ")}
	if hidden > 0 {
		lines = append(lines, fmt.Sprintf("%d more not annotated: GitHub shows %d annotations of each kind per step (they are in the log above)", hidden, githubAnnotationLimit))
	}
	if len(gw.opts.FullReports) > 0 {
		lines = append(lines, "Full report: "+strings.Join(gw.opts.FullReports, ", "))
	} else {
		lines = append(lines, "Full report: rampart scan --format text (or --output-format sarif=FILE for code scanning)")
	}
	return "::notice title=" + githubProperty("rampart summary") + "::" + githubData(lines) + "\n"
}

// githubData escapes a command's message as GitHub's workflow-command
// parser expects (%, CR and LF), after Escape has made every control
// character from a template visible; the lines are joined with an escaped
// line feed.
func githubData(lines []string) string {
	escaped := make([]string, len(lines))
	for i, l := range lines {
		escaped[i] = githubEscapeData(Escape(l))
	}
	return strings.Join(escaped, "%0A")
}

func githubEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes a command property value: the data escapes plus
// ':' and ',', which separate properties.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(Escape(s))
}
