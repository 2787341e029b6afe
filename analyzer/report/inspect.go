package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// InspectJSONVersion is the schema version of `rampart inspect --format
// json` (docs/inspect.md). Fields may be added within a version.
const InspectJSONVersion = 1

// inspectReport is the inspect document. Its errors and files are the scan
// report's entries, rendered by the same code.
type inspectReport struct {
	Version   int              `json:"version"`
	Resources []any            `json:"resources"`
	Errors    []jsonDiagnostic `json:"errors"`
	Files     []jsonFile       `json:"files"`
}

// WriteInspectJSON renders what the front-ends produced: resources as
// engine.InspectResources gives them (the policy input objects and their
// unknowns), the error diagnostics and every file's status, as one
// indented JSON document followed by a newline.
func WriteInspectJSON(w io.Writer, resources []any, errs []graph.Diagnostic, files []result.File) error {
	doc := inspectReport{
		Version:   InspectJSONVersion,
		Resources: append([]any{}, resources...),
		Errors:    []jsonDiagnostic{},
		Files:     []jsonFile{},
	}
	for _, d := range sortedDiagnostics(errs) {
		doc.Errors = append(doc.Errors, diagnosticJSON(d))
	}
	for _, f := range sortedFiles(files) {
		doc.Files = append(doc.Files, jsonFile{Path: f.Path, Status: string(f.Status), Type: f.Type, Reason: f.Reason})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing inspect document: %w", err)
	}
	return nil
}
