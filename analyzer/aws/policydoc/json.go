package policydoc

import (
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// locator places a byte offset of a JSON string in the file the string was
// read from.
type locator func(off int) graph.Location

// locate returns the locator for the text of str. When str is a literal
// written at its own location (no trace) and its lines match the lines of
// that location (a heredoc or a YAML literal block: content from the line
// after the header), each offset is located at its own line; otherwise
// everything sits at the string.
func locate(str *graph.Value) locator {
	at := str.Loc
	newlines := strings.Count(str.Str, "\n")
	span := at.EndLine - at.StartLine
	if len(str.Trace) > 0 || !at.Known() || newlines == 0 || (span != newlines && span != newlines+1) {
		return func(int) graph.Location { return at }
	}
	var starts []int
	for i := 0; i < len(str.Str); i++ {
		if str.Str[i] == '\n' {
			starts = append(starts, i)
		}
	}
	return func(off int) graph.Location {
		line := at.StartLine + 1 + sort.SearchInts(starts, off)
		return graph.Location{File: at.File, StartLine: line, EndLine: line}
	}
}

// parseJSON parses the JSON text of str into a value tree located by loc,
// whose nodes carry str's trace and sensitivity.
func parseJSON(str *graph.Value, loc locator) (*graph.Value, error) {
	t, err := graph.ParseJSON(str.Str, loc)
	if err != nil {
		return nil, err
	}
	t.Walk(func(_ graph.Path, n *graph.Value) bool {
		n.Trace = append(graph.Trace(nil), str.Trace...)
		n.Sensitive = str.Sensitive
		return true
	})
	return t, nil
}
