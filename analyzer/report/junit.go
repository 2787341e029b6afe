package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// The junit report follows the Apache Ant JUnit schema (testdata/schemas
// in the repository), which AWS CodeBuild report groups, GitLab and
// Jenkins read: a <testsuites> holding one <testsuite> per rule, in which
// every rule/resource pair is a test case that failed (a finding), passed,
// or was skipped (suppressed, or undecided because a value is unknown
// until deploy). Files that could not be analysed are errors in a suite of
// their own, so a broken template is never a green build.

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Package    string          `xml:"package,attr"`
	ID         int             `xml:"id,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  string          `xml:"system-out"`
	SystemErr  string          `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitHostname fills the schema's required hostname: the report does not
// say which machine ran the scan.
const junitHostname = "localhost"

// junitTimestamp is the schema's timestamp form: UTC, no zone suffix.
const junitTimestamp = "2006-01-02T15:04:05"

type junitWriter struct{ opts Options }

func newJUnit(opts Options) Writer { return junitWriter{opts: opts} }

// Write renders res as JUnit XML.
func (jw junitWriter) Write(w io.Writer, res *result.Result) error {
	stamp := jw.opts.Time.UTC().Format(junitTimestamp)
	doc := junitSuites{}
	for _, r := range sarifCatalogue(res) {
		doc.Suites = append(doc.Suites, ruleSuite(r, res))
	}
	if s, ok := errorSuite(res); ok {
		doc.Suites = append(doc.Suites, s)
	}
	for i := range doc.Suites {
		doc.Suites[i].ID, doc.Suites[i].Package = i, "rampart"
		doc.Suites[i].Timestamp, doc.Suites[i].Hostname, doc.Suites[i].Time = stamp, junitHostname, "0"
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("writing junit report: %w", err)
	}
	if _, err := io.WriteString(w, xml.Header+string(out)+"\n"); err != nil {
		return fmt.Errorf("writing junit report: %w", err)
	}
	return nil
}

// ruleSuite holds one rule's test cases: its findings (failed, or skipped
// when suppressed), the resources it passed, and the resources it could not
// decide on (skipped).
func ruleSuite(r result.Rule, res *result.Result) junitSuite {
	s := junitSuite{
		Name: junitToken(strings.TrimSpace(r.ID + " " + r.Name)),
		Properties: []junitProperty{
			{Name: "rule_id", Value: Escape(r.ID)},
			{Name: "severity", Value: r.Severity.String()},
			{Name: "title", Value: Escape(firstNonEmpty(r.Title, r.Name, r.ID))},
		},
	}
	class := junitToken("rampart." + r.ID)
	for _, f := range sortedFindings(res.Findings) {
		if f.RuleID != r.ID {
			continue
		}
		c := junitCase{Name: caseName(f.Location, f.Resource.ID), Classname: class, Time: "0"}
		if f.Suppressed {
			c.Skipped = &junitSkipped{Message: Escape(suppressionText(f.Suppression))}
			s.Skipped++
		} else {
			c.Failure = &junitProblem{Message: Escape(f.Message), Type: f.Severity.String(), Body: failureBody(f)}
			s.Failures++
		}
		s.Cases = append(s.Cases, c)
	}
	for _, p := range sortedChecks(res.Passed) {
		if p.RuleID == r.ID {
			s.Cases = append(s.Cases, junitCase{Name: caseName(p.Location, p.Resource.ID), Classname: class, Time: "0"})
		}
	}
	for _, u := range sortedUndecided(res.Undecided) {
		if u.RuleID != r.ID {
			continue
		}
		s.Cases = append(s.Cases, junitCase{
			Name: caseName(u.Location, u.Resource.ID), Classname: class, Time: "0",
			Skipped: &junitSkipped{Message: Escape(undecidedText(u))},
		})
		s.Skipped++
	}
	s.Tests = len(s.Cases)
	return s
}

// errorSuite has one errored test case per file that could not be
// analysed, or reports false when every file was.
func errorSuite(res *result.Result) (junitSuite, bool) {
	ds := failedFiles(res)
	if len(ds) == 0 {
		return junitSuite{}, false
	}
	s := junitSuite{Name: "rampart analysis errors", Properties: []junitProperty{{Name: "kind", Value: "files that could not be analysed"}}}
	for _, d := range ds {
		s.Cases = append(s.Cases, junitCase{
			Name: caseName(d.Location, ""), Classname: "rampart.errors", Time: "0",
			Error: &junitProblem{Message: Escape(d.Summary), Type: "error", Body: Escape(diagnosticText(d))},
		})
	}
	s.Tests, s.Errors = len(s.Cases), len(s.Cases)
	return s, true
}

// caseName is "file:line resource", what a CI test viewer lists.
func caseName(l graph.Location, resource string) string {
	return junitToken(strings.TrimSpace(loc(l) + " " + resource))
}

// junitToken makes s an xs:token: control characters escaped, and no
// line breaks, tabs or runs of spaces.
func junitToken(s string) string {
	return strings.Join(strings.Fields(Escape(s)), " ")
}

// failureBody is what a test viewer shows under a failed case: where, on
// what, the message, the fix and where the value came from.
func failureBody(f result.Finding) string {
	lines := []string{loc(f.Location)}
	if f.Resource.ID != "" {
		lines = append(lines, "Resource: "+Escape(f.Resource.ID))
	}
	lines = append(lines, Escape(f.Message))
	if f.Remediation != "" {
		lines = append(lines, "Remediation: "+Escape(strings.Join(strings.Fields(f.Remediation), " ")))
	}
	for _, h := range f.Trace {
		lines = append(lines, "via "+Escape(hopText(h)))
	}
	for _, in := range f.Instances[min(1, len(f.Instances)):] {
		lines = append(lines, Escape(instanceText(in)))
	}
	return strings.Join(lines, "\n")
}
