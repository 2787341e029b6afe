package graph

import "fmt"

// Location is a range in a source file. Lines and columns are 1-based; a zero
// Line means "unknown position". File is the path as the scan was given it
// (relative to the scan root where possible), never rewritten to absolute.
type Location struct {
	File      string `json:"file"`
	StartLine int    `json:"start_line"`
	StartCol  int    `json:"start_column,omitempty"`
	EndLine   int    `json:"end_line"`
	EndCol    int    `json:"end_column,omitempty"`
}

// Known reports whether the location names a file and line.
func (l Location) Known() bool { return l.File != "" && l.StartLine > 0 }

// String renders "file:line" or "file:line:col", the form editors jump to.
func (l Location) String() string {
	switch {
	case l.File == "":
		return "<unknown>"
	case l.StartLine == 0:
		return l.File
	case l.StartCol == 0:
		return fmt.Sprintf("%s:%d", l.File, l.StartLine)
	default:
		return fmt.Sprintf("%s:%d:%d", l.File, l.StartLine, l.StartCol)
	}
}

// Normalized fills EndLine from StartLine when a producer only knew the start.
func (l Location) Normalized() Location {
	if l.EndLine < l.StartLine {
		l.EndLine = l.StartLine
	}
	return l
}

// Hop is one step of a value's provenance: where something was written and
// what happened there ("default of variable cidr", "module input cidr_blocks",
// "Fn::FindInMap RegionMap/us-east-1/AMI").
type Hop struct {
	Location
	Note string `json:"note"`
}

// Trace is a provenance chain, origin first: Trace[0] is where the literal was
// written, the last hop is the closest to the place the value is used.
type Trace []Hop
