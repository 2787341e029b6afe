package cloudformation

import (
	"sort"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// lineIndex converts between byte offsets and 1-based line/column positions.
// Columns count characters (not bytes), as yaml.v3 does, and a tab is one
// column. Conversions are O(1) on ASCII lines; on other lines the last
// position is remembered, so the in-order conversions of one parse stay
// linear even for a minified file that is one long line.
type lineIndex struct {
	src      []byte
	starts   []int  // byte offset of each line start
	nonASCII []bool // per line: has a multi-byte character

	// cursor: the last converted position on a non-ASCII line.
	curLine, curCol, curOff int
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, len(src)/32+1)
	nonASCII := make([]bool, 1, len(src)/32+1)
	for i, c := range src {
		switch {
		case c == '\n':
			starts = append(starts, i+1)
			nonASCII = append(nonASCII, false)
		case c >= utf8.RuneSelf:
			nonASCII[len(nonASCII)-1] = true
		}
	}
	return &lineIndex{src: src, starts: starts, nonASCII: nonASCII}
}

// pos returns the line and column of byte offset off.
func (ix *lineIndex) pos(off int) (line, col int) {
	off = min(max(off, 0), len(ix.src))
	line = sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off })
	start := ix.starts[line-1]
	if !ix.nonASCII[line-1] {
		return line, off - start + 1
	}
	from, col := start, 1
	if ix.curLine == line && ix.curOff <= off {
		from, col = ix.curOff, ix.curCol
	}
	col += utf8.RuneCount(ix.src[from:off])
	ix.curLine, ix.curCol, ix.curOff = line, col, off
	return line, col
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
	start := ix.starts[line-1]
	end := len(ix.src)
	if line < len(ix.starts) {
		end = ix.starts[line] - 1
	}
	if !ix.nonASCII[line-1] {
		return min(start+max(col, 1)-1, end)
	}
	off, c := start, 1
	if ix.curLine == line && ix.curCol <= col {
		off, c = ix.curOff, ix.curCol
	}
	for ; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(ix.src[off:])
		off += size
	}
	ix.curLine, ix.curCol, ix.curOff = line, c, off
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
