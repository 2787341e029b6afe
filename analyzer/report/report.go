// Package report renders a scan result for people and machines. Each output
// format lives in its own file and is listed once in the registry below;
// adding a format means adding its file and its constructor in the registry.
//
// Writers never change the result they render: they sort copies, so the same
// result always renders to the same bytes.
package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Writer renders one result.
type Writer interface {
	Write(w io.Writer, res *result.Result) error
}

// Tool identifies the program that produced a report.
type Tool struct {
	Name    string
	Version string
}

// Options shape every writer; a writer ignores what it has no use for.
type Options struct {
	Tool Tool
	// Color enables ANSI colors (text). The caller decides: a terminal,
	// NO_COLOR unset, --no-color not given.
	Color bool
	// Verbose lists ignored files and undecided results (text).
	Verbose bool
	// OnUnknown is how the run treats undecided results; with warn they are
	// listed prominently (text).
	OnUnknown config.OnUnknown
	// ReadFile reads a source file named as in a result location, for the
	// snippets the text report shows. Nil reads from disk relative to
	// Result.Root. An error only means no snippet is shown.
	ReadFile func(name string) ([]byte, error)
	// FullReports name the run's other outputs (paths), which the summary
	// formats (github, markdown) point at for the whole report.
	FullReports []string
	// LinkBase prefixes the file links of the markdown report, such as
	// https://github.com/OWNER/REPO/blob/SHA/; empty links relative paths.
	LinkBase string
	// Time stamps the junit report (its schema requires a timestamp); the
	// caller passes the scan's time, tests a fixed one.
	Time time.Time
}

// Format is one output format in the registry.
type Format struct {
	Name        string
	Description string
	New         func(Options) Writer
	// ListsPassed is set when the report lists the checks that passed
	// (Result.Passed); a scan for the other formats need not keep them.
	ListsPassed bool
}

// Formats lists every format in the order help text shows them.
func Formats() []Format {
	return []Format{
		{Name: "text", Description: "human-readable, grouped by file (colored on a terminal)", New: newText},
		{Name: "json", Description: "machine-readable, schema version 1 (docs/json-output.md)", New: newJSON},
		{Name: "sarif", Description: "SARIF 2.1.0 for GitHub code scanning", New: newSARIF},
		{Name: "junit", Description: "JUnit XML for CodeBuild and CI test viewers", New: newJUnit, ListsPassed: true},
		{Name: "github", Description: "GitHub Actions workflow commands", New: newGitHub},
		{Name: "markdown", Description: "a summary for a pull-request comment", New: newMarkdown},
	}
}

// Names lists the formats by name.
func Names() []string {
	var names []string
	for _, f := range Formats() {
		names = append(names, f.Name)
	}
	return names
}

// Lookup finds a format by name (any case).
func Lookup(name string) (Format, error) {
	for _, f := range Formats() {
		if strings.EqualFold(f.Name, strings.TrimSpace(name)) {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown output format %q (supported: %s)", name, strings.Join(Names(), ", "))
}

// New returns the writer for the named format.
func New(name string, opts Options) (Writer, error) {
	f, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	return f.New(opts), nil
}
