package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// faultyWriter wraps a real writer and panics on any result holding a
// finding located in bad, standing in for a bug in a writer.
type faultyWriter struct {
	Writer
	bad string
}

func (fw faultyWriter) Write(w io.Writer, res *result.Result) error {
	for _, f := range res.Findings {
		if f.Location.File == fw.bad {
			var m map[string]int
			//lint:ignore SA5000 a nil map write is the real runtime panic this writer injects
			m[f.RuleID]++
		}
	}
	return fw.Writer.Write(w, res)
}

// alwaysFails panics whatever it renders.
type alwaysFails struct{}

func (alwaysFails) Write(io.Writer, *result.Result) error { panic("broken") }

type failsWithError struct{}

func (failsWithError) Write(io.Writer, *result.Result) error { return errors.New("disk full") }

func renderTestResult() *result.Result {
	finding := func(file string) result.Finding {
		return result.Finding{RuleID: "AWS-SG-002", Severity: result.SeverityCritical, Message: "open",
			Location: graph.Location{File: file, StartLine: 3}}
	}
	return &result.Result{
		Findings: []result.Finding{finding("bad.yaml"), finding("good.yaml")},
		Files: []result.File{
			{Path: "bad.yaml", Status: result.FileScanned},
			{Path: "good.yaml", Status: result.FileScanned},
		},
	}
}

func TestRenderIsolatesAFileTheWriterCannotRender(t *testing.T) {
	for _, format := range Names() {
		t.Run(format, func(t *testing.T) {
			w, err := New(format, Options{})
			if err != nil {
				t.Fatal(err)
			}
			res := renderTestResult()
			out, rendered, err := Render(faultyWriter{Writer: w, bad: "bad.yaml"}, res)
			if err != nil {
				t.Fatal(err)
			}
			if len(rendered.Errors) != 1 || rendered.Errors[0].Location.File != "bad.yaml" ||
				!strings.Contains(rendered.Errors[0].Error(), "internal error while writing the report") {
				t.Fatalf("errors = %v, want one internal error at bad.yaml", rendered.Errors)
			}
			if len(rendered.Findings) != 1 || rendered.Findings[0].Location.File != "good.yaml" {
				t.Errorf("findings = %v, want good.yaml's", rendered.Findings)
			}
			for _, f := range rendered.Files {
				if (f.Path == "bad.yaml") != (f.Status == result.FileFailed) {
					t.Errorf("file %s is %s", f.Path, f.Status)
				}
			}
			if !bytes.Contains(out, []byte("good.yaml")) || !bytes.Contains(out, []byte("internal error")) {
				t.Errorf("report does not show good.yaml's finding and the internal error:\n%s", out)
			}
			if format == "json" && !json.Valid(out) {
				t.Errorf("json report is not valid JSON:\n%s", out)
			}
			if len(res.Errors) != 0 || len(res.Findings) != 2 {
				t.Error("Render changed the result it was given")
			}
		})
	}
}

func TestRenderFailures(t *testing.T) {
	res := renderTestResult()
	if _, _, err := Render(alwaysFails{}, res); err == nil || !strings.Contains(err.Error(), "internal error") {
		t.Errorf("a writer that always panics: err = %v", err)
	}
	if _, _, err := Render(failsWithError{}, res); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a writer's own error: err = %v", err)
	}
	w, _ := New("json", Options{})
	out, rendered, err := Render(w, res)
	if err != nil || rendered != res || !json.Valid(out) {
		t.Errorf("a healthy writer: err = %v, same result %v", err, rendered == res)
	}
}
