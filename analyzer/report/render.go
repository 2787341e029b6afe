package report

import (
	"bytes"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/internal/panics"
)

// Render writes res with w into memory, so nothing reaches the destination
// until the whole report is ready. A panic in the writer is an internal bug:
// Render then renders the results of each file on their own, leaves out the
// files whose results the writer cannot render, and adds an error at each of
// them, so every other file is still reported. The returned result is the
// one rendered (res itself when nothing failed); its errors decide the exit
// code. An error means not even that report could be rendered.
func Render(w Writer, res *result.Result) ([]byte, *result.Result, error) {
	out, err := renderRecovering(w, res)
	if _, internal := err.(*internalError); !internal {
		return out, res, err
	}
	kept := *res
	kept.Findings, kept.Undecided, kept.Passed, kept.Errors, kept.Warnings, kept.Files = nil, nil, nil, nil, nil, nil
	var failed []graph.Diagnostic
	for _, file := range resultFiles(res) {
		one := resultOf(res, file)
		if _, err := renderRecovering(w, one); err != nil {
			failed = append(failed, graph.Diagnostic{
				Severity: graph.SeverityError,
				Summary:  "internal error while writing the report (please report); this file's results are left out",
				Detail:   err.Error(),
				Location: graph.Location{File: file},
			})
			continue
		}
		kept.Findings = append(kept.Findings, one.Findings...)
		kept.Undecided = append(kept.Undecided, one.Undecided...)
		kept.Passed = append(kept.Passed, one.Passed...)
		kept.Errors = append(kept.Errors, one.Errors...)
		kept.Warnings = append(kept.Warnings, one.Warnings...)
		kept.Files = append(kept.Files, one.Files...)
	}
	for _, d := range failed {
		kept.Errors = append(kept.Errors, d)
		if len(resultOf(res, d.Location.File).Files) > 0 {
			kept.Files = append(kept.Files, result.File{Path: d.Location.File, Status: result.FileFailed, Reason: d.Error()})
		}
	}
	out, err = renderRecovering(w, &kept)
	if err != nil {
		return nil, nil, fmt.Errorf("writing the report: %w", err)
	}
	return out, &kept, nil
}

// internalError is a panic in a writer.
type internalError struct{ msg string }

func (e *internalError) Error() string { return "internal error (please report): " + e.msg }

func renderRecovering(w Writer, res *result.Result) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &internalError{msg: panics.Describe(p, debug.Stack())}
		}
	}()
	var buf bytes.Buffer
	if err := w.Write(&buf, res); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// resultFiles lists every file a result names, in order.
func resultFiles(res *result.Result) []string {
	seen := map[string]bool{}
	var files []string
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, f := range res.Findings {
		add(f.Location.File)
	}
	for _, u := range res.Undecided {
		add(u.Location.File)
	}
	for _, c := range res.Passed {
		add(c.Location.File)
	}
	for _, d := range slices.Concat(res.Errors, res.Warnings) {
		add(d.Location.File)
	}
	for _, f := range res.Files {
		add(f.Path)
	}
	return files
}

// resultOf is the share of res located in file.
func resultOf(res *result.Result, file string) *result.Result {
	one := *res
	one.Findings = locatedIn(res.Findings, file, func(f result.Finding) string { return f.Location.File })
	one.Undecided = locatedIn(res.Undecided, file, func(u result.Undecided) string { return u.Location.File })
	one.Passed = locatedIn(res.Passed, file, func(c result.Check) string { return c.Location.File })
	one.Errors = locatedIn(res.Errors, file, func(d graph.Diagnostic) string { return d.Location.File })
	one.Warnings = locatedIn(res.Warnings, file, func(d graph.Diagnostic) string { return d.Location.File })
	one.Files = locatedIn(res.Files, file, func(f result.File) string { return f.Path })
	return &one
}

// locatedIn keeps the items of xs whose file is file.
func locatedIn[T any](xs []T, file string, fileOf func(T) string) []T {
	var out []T
	for _, x := range xs {
		if fileOf(x) == file {
			out = append(out, x)
		}
	}
	return out
}
