// Package report renders a scan result for people and machines. Each output
// format lives in its own file and is listed once in the registry below;
// adding a format (sarif, junit, github, markdown) means adding its file and
// filling its constructor in the registry.
//
// Writers never change the result they render: they sort copies, so the same
// result always renders to the same bytes.
package report

import (
	"errors"
	"fmt"
	"io"
	"strings"

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
}

// Format is one output format in the registry.
type Format struct {
	Name        string
	Description string
	// New builds the writer; nil means the format is planned but not yet
	// supported.
	New func(Options) Writer
}

// Supported reports whether the format can be written.
func (f Format) Supported() bool { return f.New != nil }

// ErrUnsupported is wrapped by Lookup's error for a planned format.
var ErrUnsupported = errors.New("not yet supported")

// Formats lists every format, supported or planned, in the order help text
// shows them.
func Formats() []Format {
	return []Format{
		{Name: "text", Description: "human-readable, grouped by file (colored on a terminal)", New: newText},
		{Name: "json", Description: "machine-readable, schema version 1 (docs/json-output.md)", New: newJSON},
		{Name: "sarif", Description: "SARIF 2.1.0 for GitHub code scanning"},
		{Name: "junit", Description: "JUnit XML for CodeBuild and CI test viewers"},
		{Name: "github", Description: "GitHub Actions workflow commands"},
		{Name: "markdown", Description: "a summary for a pull-request comment"},
	}
}

// SupportedNames lists the formats that can be written.
func SupportedNames() []string {
	var names []string
	for _, f := range Formats() {
		if f.Supported() {
			names = append(names, f.Name)
		}
	}
	return names
}

// Lookup finds a format by name (any case). An unknown name and a planned
// format are both errors; the latter wraps ErrUnsupported.
func Lookup(name string) (Format, error) {
	for _, f := range Formats() {
		if !strings.EqualFold(f.Name, strings.TrimSpace(name)) {
			continue
		}
		if !f.Supported() {
			return f, fmt.Errorf("output format %q is %w (supported: %s)",
				f.Name, ErrUnsupported, strings.Join(SupportedNames(), ", "))
		}
		return f, nil
	}
	return Format{}, fmt.Errorf("unknown output format %q (supported: %s)", name, strings.Join(SupportedNames(), ", "))
}

// New returns the writer for the named format.
func New(name string, opts Options) (Writer, error) {
	f, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	return f.New(opts), nil
}
