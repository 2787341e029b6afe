package report

import (
	"fmt"
	"io"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// JSONVersion is the schema version of the json format. Fields may be added
// within a version; none is removed or changes meaning.
const JSONVersion = 1

// The json report has its own types rather than marshalling result types
// directly, so the documented schema (docs/json-output.md) cannot drift when
// the result package changes.

type jsonReport struct {
	Version   int              `json:"version"`
	Tool      jsonTool         `json:"tool"`
	Findings  []jsonFinding    `json:"findings"`
	Undecided []jsonUndecided  `json:"undecided"`
	Errors    []jsonDiagnostic `json:"errors"`
	Warnings  []jsonDiagnostic `json:"warnings"`
	Files     []jsonFile       `json:"files"`
	Summary   jsonSummary      `json:"summary"`
	// Policies are the user policy sources with their revisions; absent
	// when the scan loaded only the built-in rules.
	Policies []jsonPolicySource `json:"policies,omitempty"`
}

type jsonPolicySource struct {
	Path     string `json:"path"`
	Kind     string `json:"kind"`
	Revision string `json:"revision,omitempty"`
	Digest   string `json:"digest"`
	Files    int    `json:"files"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonLocation struct {
	File        string `json:"file"`
	StartLine   int    `json:"start_line"`
	EndLine     int    `json:"end_line"`
	StartColumn int    `json:"start_column,omitempty"`
	EndColumn   int    `json:"end_column,omitempty"`
}

type jsonResource struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Kind string `json:"kind"`
}

type jsonSuppression struct {
	Source   string        `json:"source"`
	Reason   string        `json:"reason"`
	Until    string        `json:"until,omitempty"`
	Location *jsonLocation `json:"location,omitempty"`
}

type jsonHop struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	Note      string `json:"note"`
}

type jsonFinding struct {
	RuleID      string           `json:"rule_id"`
	RuleName    string           `json:"rule_name"`
	Severity    string           `json:"severity"`
	Title       string           `json:"title"`
	Message     string           `json:"message"`
	Resource    jsonResource     `json:"resource"`
	Location    jsonLocation     `json:"location"`
	Attribute   string           `json:"attribute"`
	Suppressed  bool             `json:"suppressed"`
	Suppression *jsonSuppression `json:"suppression,omitempty"`
	Remediation string           `json:"remediation"`
	Fingerprint string           `json:"fingerprint"`
	Trace       []jsonHop        `json:"trace"`
	Notes       []string         `json:"notes"`
	Instances   []jsonInstance   `json:"instances"`
}

type jsonInstance struct {
	Root     string    `json:"root"`
	Module   string    `json:"module"`
	Resource string    `json:"resource"`
	Trace    []jsonHop `json:"trace"`
}

type jsonUndecided struct {
	RuleID    string         `json:"rule_id"`
	RuleName  string         `json:"rule_name"`
	Severity  string         `json:"severity"`
	Resource  jsonResource   `json:"resource"`
	Location  jsonLocation   `json:"location"`
	Attribute string         `json:"attribute"`
	Reason    string         `json:"reason"`
	Instances []jsonInstance `json:"instances"`
}

type jsonDiagnostic struct {
	Severity  string       `json:"severity"`
	Summary   string       `json:"summary"`
	Detail    string       `json:"detail,omitempty"`
	Location  jsonLocation `json:"location"`
	Resource  string       `json:"resource,omitempty"`
	Attribute string       `json:"attribute,omitempty"`
}

type jsonFile struct {
	Path   string `json:"path"`
	Status string `json:"status"`
	Type   string `json:"type,omitempty"`
	Reason string `json:"reason,omitempty"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Scanned    int            `json:"scanned"`
	Ignored    int            `json:"ignored"`
	Failed     int            `json:"failed"`
	Resources  int            `json:"resources"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed"`
	Undecided  int            `json:"undecided"`
	Errors     int            `json:"errors"`
	Warnings   int            `json:"warnings"`
	BySeverity map[string]int `json:"by_severity"`
}

type jsonWriter struct{ opts Options }

func newJSON(opts Options) Writer { return jsonWriter{opts: opts} }

// Write renders res as one indented JSON document followed by a newline.
func (jw jsonWriter) Write(w io.Writer, res *result.Result) error {
	doc := jsonReport{
		Version:   JSONVersion,
		Tool:      jsonTool{Name: jw.opts.Tool.Name, Version: jw.opts.Tool.Version},
		Findings:  []jsonFinding{},
		Undecided: []jsonUndecided{},
		Errors:    []jsonDiagnostic{},
		Warnings:  []jsonDiagnostic{},
		Files:     []jsonFile{},
		Summary:   summarizeJSON(res),
	}
	for _, f := range sortedFindings(res.Findings) {
		doc.Findings = append(doc.Findings, findingJSON(f))
	}
	for _, u := range sortedUndecided(res.Undecided) {
		doc.Undecided = append(doc.Undecided, jsonUndecided{
			RuleID:    u.RuleID,
			RuleName:  u.RuleName,
			Severity:  u.Severity.String(),
			Resource:  jsonResource(u.Resource),
			Location:  locationJSON(u.Location),
			Attribute: u.Path,
			Reason:    u.Reason,
			Instances: instancesJSON(u.Instances),
		})
	}
	for _, d := range sortedDiagnostics(res.Errors) {
		doc.Errors = append(doc.Errors, diagnosticJSON(d))
	}
	for _, d := range sortedDiagnostics(res.Warnings) {
		doc.Warnings = append(doc.Warnings, diagnosticJSON(d))
	}
	for _, f := range sortedFiles(res.Files) {
		doc.Files = append(doc.Files, jsonFile{Path: f.Path, Status: string(f.Status), Type: f.Type, Reason: f.Reason})
	}
	for _, p := range res.Policies {
		doc.Policies = append(doc.Policies, jsonPolicySource(p))
	}
	// Messages quote template text such as "<" and "&"; keep them readable.
	if err := writeIndentedJSON(w, doc); err != nil {
		return fmt.Errorf("writing json report: %w", err)
	}
	return nil
}

func findingJSON(f result.Finding) jsonFinding {
	out := jsonFinding{
		RuleID:      f.RuleID,
		RuleName:    f.RuleName,
		Severity:    f.Severity.String(),
		Title:       f.Title,
		Message:     f.Message,
		Resource:    jsonResource(f.Resource),
		Location:    locationJSON(f.Location),
		Attribute:   f.Path,
		Suppressed:  f.Suppressed,
		Remediation: f.Remediation,
		Fingerprint: f.Fingerprint,
		Trace:       traceJSON(f.Trace),
		Notes:       append([]string{}, f.Notes...),
		Instances:   instancesJSON(f.Instances),
	}
	if f.Suppressed && f.Suppression != nil {
		s := &jsonSuppression{Source: f.Suppression.Source, Reason: f.Suppression.Reason, Until: f.Suppression.Until}
		if f.Suppression.Location.Known() {
			loc := locationJSON(f.Suppression.Location)
			s.Location = &loc
		}
		out.Suppression = s
	}
	return out
}

func traceJSON(t graph.Trace) []jsonHop {
	out := make([]jsonHop, 0, len(t))
	for _, h := range t {
		out = append(out, jsonHop{File: h.File, StartLine: h.StartLine, Note: h.Note})
	}
	return out
}

func instancesJSON(ins []result.Instance) []jsonInstance {
	out := make([]jsonInstance, 0, len(ins))
	for _, in := range ins {
		out = append(out, jsonInstance{Root: in.Root, Module: in.Module, Resource: in.Resource, Trace: traceJSON(in.Trace)})
	}
	return out
}

func locationJSON(l graph.Location) jsonLocation {
	l = l.Normalized()
	return jsonLocation{File: l.File, StartLine: l.StartLine, EndLine: l.EndLine, StartColumn: l.StartCol, EndColumn: l.EndCol}
}

func diagnosticJSON(d graph.Diagnostic) jsonDiagnostic {
	return jsonDiagnostic{
		Severity:  d.Severity.String(),
		Summary:   d.Summary,
		Detail:    d.Detail,
		Location:  locationJSON(d.Location),
		Resource:  d.Resource,
		Attribute: d.Path.String(),
	}
}

func summarizeJSON(res *result.Result) jsonSummary {
	s := res.Summarize()
	out := jsonSummary{
		Files: s.Files, Scanned: s.Scanned, Ignored: s.Ignored, Failed: s.Failed,
		Resources: s.Resources, Findings: s.Findings, Suppressed: s.Suppressed, Undecided: s.Undecided,
		Errors: len(res.Errors), Warnings: len(res.Warnings),
		BySeverity: map[string]int{},
	}
	// Every severity is present, zero or not, so consumers need no defaults.
	for _, sev := range severitiesDesc() {
		out.BySeverity[sev.String()] = s.BySeverity[sev.String()]
	}
	return out
}
