package cloudformation

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
	yaml "go.yaml.in/yaml/v3"
)

// yaml.v3 does not say where a syntax error is. Its message names one line
// only, and not the problem's: for a parser error ("did not find expected
// key", an unclosed flow collection) it is the line where the enclosing
// collection starts, counted from 0, so an indentation mistake deep in a
// resource is reported at the resource's Properties line, one line early;
// for a scanner error with a context (an unclosed quote, a key without ':')
// it is where the context starts. There is never a column.
//
// The position is therefore found by asking the parser again: the error is
// at the last character of the shortest prefix of the text that already
// fails with exactly the same error. Up to the problem the prefix is a valid
// beginning of a YAML document; with the offending character it fails the
// way the whole file does. A binary search over line ends and then over the
// offending line's characters needs a few parses (logarithmic in the
// distance from the line yaml.v3 names), done only for a file that does not
// parse.

// maxYAMLErrorSearch bounds the size of a file whose error position is
// searched; a larger one keeps the line yaml.v3 reports.
const maxYAMLErrorSearch = 4 << 20

var yamlLineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): `) })

// yamlErrorMessage is yaml.v3's message without its "yaml: line N:"
// prefix, whose line is not the problem's.
func yamlErrorMessage(err error) string {
	msg := err.Error()
	if m := yamlLineRE().FindString(msg); m != "" {
		return msg[len(m):]
	}
	return strings.TrimPrefix(msg, "yaml: ")
}

// yamlErrorLoc locates the syntax error err of src.
func yamlErrorLoc(file string, src []byte, err error) graph.Location {
	reported := 0 // 0-based index of the line yaml.v3 names
	if m := yamlLineRE().FindStringSubmatch(err.Error()); m != nil {
		reported, _ = strconv.Atoi(m[1])
	}
	if len(src) <= maxYAMLErrorSearch {
		if off, ok := yamlErrorOffset(src, err.Error(), max(reported-1, 0)); ok {
			ix := newLineIndex(src)
			loc := ix.loc(file, off, off)
			loc.EndCol++ // the offending character
			return loc
		}
	}
	line := max(reported, 1)
	return graph.Location{File: file, StartLine: line, EndLine: line}
}

// firstFailingLine returns the first of n lines for which fails holds,
// assuming it holds for every line after that one. The problem is rarely
// before hint (where the enclosing collection starts) and usually close to
// it, so the search gallops forward from there: the prefixes parsed stay
// about as long as the text up to the problem, not half the file.
func firstFailingLine(n, hint int, fails func(int) bool) (int, bool) {
	hint = min(hint, n-1)
	if fails(hint) {
		i := sort.Search(hint, fails)
		return i, true
	}
	lo, step := hint, 1 // fails(lo) is false
	for {
		hi := min(lo+step, n-1)
		if hi == lo {
			return 0, false
		}
		if fails(hi) {
			i := lo + 1 + sort.Search(hi-lo-1, func(j int) bool { return fails(lo + 1 + j) })
			return i, true
		}
		lo, step = hi, step*2
	}
}

// yamlErrorOffset returns the offset of the last character of the shortest
// prefix of src that fails to parse with the error want.
func yamlErrorOffset(src []byte, want string, hint int) (int, bool) {
	fails := func(end int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal(src[:end], &doc)
		return err != nil && err.Error() == want
	}
	ix := newLineIndex(src)
	lineEnd := func(i int) int {
		if i+1 < len(ix.starts) {
			return ix.starts[i+1]
		}
		return len(src)
	}
	line, ok := firstFailingLine(len(ix.starts), hint, func(i int) bool { return fails(lineEnd(i)) })
	if !ok {
		return 0, false
	}
	start, end := ix.starts[line], lineEnd(line)
	n := sort.Search(end-start, func(j int) bool {
		cut := start + j + 1
		// Cut after whole characters only: half a character is an
		// encoding error of its own.
		for cut < end && !utf8.RuneStart(src[cut]) {
			cut++
		}
		return fails(cut)
	})
	if n == end-start {
		return start, true
	}
	off := start + n
	for off > start && !utf8.RuneStart(src[off]) {
		off--
	}
	return off, true
}
