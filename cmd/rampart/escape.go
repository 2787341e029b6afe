package main

import (
	"io"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/report"
)

// escapingWriter is the one way rampart's own messages reach a terminal.
// Messages quote paths, flag and configuration values, environment variable
// names and policy errors, all of which a repository or a caller controls:
// each line of a write is escaped as the reports escape template text
// (report.Escape: ESC, CR, backspace, bidi controls become visible), and a
// line after a line break inside one write is indented unless it already
// is, so no message can clear the screen or forge a line of its own.
type escapingWriter struct {
	w io.Writer
	// keepLines writes the lines of a multi-line output as they are
	// (still escaped), for outputs that are lines by nature.
	keepLines bool
}

func (e escapingWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	for i, l := range lines {
		l = report.Escape(l)
		if i > 0 && !e.keepLines && l != "" && l[0] != ' ' && l[0] != '\t' {
			l = "  " + l
		}
		lines[i] = l
	}
	if _, err := io.WriteString(e.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	// The caller's bytes were all consumed, whatever their escaped length.
	return len(p), nil
}
