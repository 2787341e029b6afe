package cloudformation

import (
	"sort"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// lineIndex converts between byte offsets and 1-based line/column positions.
// Columns count characters (not bytes), as yaml.v3 does, and a tab is one
// column.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of each line start
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, len(src)/32+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the line and column of byte offset off.
func (ix *lineIndex) pos(off int) (line, col int) {
	if off > len(ix.src) {
		off = len(ix.src)
	}
	if off < 0 {
		off = 0
	}
	line = sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) // first start after off
	start := ix.starts[line-1]
	return line, utf8.RuneCount(ix.src[start:off]) + 1
}

// offset returns the byte offset of a line and column; out-of-range positions
// are clamped to the file.
func (ix *lineIndex) offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(ix.starts) {
		return len(ix.src)
	}
	off := ix.starts[line-1]
	for c := 1; c < col && off < len(ix.src) && ix.src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(ix.src[off:])
		off += size
	}
	return off
}

// line returns the text of a 1-based line without its newline.
func (ix *lineIndex) line(n int) []byte {
	if n < 1 || n > len(ix.starts) {
		return nil
	}
	end := len(ix.src)
	if n < len(ix.starts) {
		end = ix.starts[n] - 1
	}
	b := ix.src[ix.starts[n-1]:end]
	if len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
	}
	return b
}

// lines is the number of lines.
func (ix *lineIndex) lines() int { return len(ix.starts) }

// loc builds a location from two byte offsets (end exclusive).
func (ix *lineIndex) loc(file string, start, end int) graph.Location {
	sl, sc := ix.pos(start)
	el, ec := ix.pos(end)
	return graph.Location{File: file, StartLine: sl, StartCol: sc, EndLine: el, EndCol: ec}
}
