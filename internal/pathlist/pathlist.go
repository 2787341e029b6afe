// Package pathlist keeps a long list of file paths in little memory.
//
// A scan keeps the path of every file its walk found, and of every file
// each of its units read, until its report: on a tree of 200 repository
// copies about 340,000 paths. As strings, even copied into shared blocks
// (strblock), each costs its bytes and a 16-byte header that the garbage
// collector scans, about 27 MB in all, and what a scan keeps is room the
// collector's heap goal no longer has for the scan's work: it collects
// more often the more it keeps. In a List a path shares its directory
// with the path added before it, as the paths of one directory mostly
// come together, and its base name with every other path of that name,
// so it costs eight pointer-free bytes and its directory's bytes once.
package pathlist

import (
	"os"

	"github.com/rampart-iac/rampart/internal/strblock"
)

// A List is an append-only list of paths. The zero value is an empty
// list ready to use; a List must not be copied after first use, nor used
// by two goroutines at once.
type List struct {
	// dirs are the directory parts of the paths, each up to and with its
	// last separator ("" for a bare name); a directory is added again when
	// the path before it was in another one.
	dirs []string
	// names are the distinct base names, nameOf their indexes in names.
	names  []string
	nameOf map[string]uint32
	items  []item
	block  strblock.Block
}

// item is one path: its directory's index in dirs and its name's in names.
type item struct{ dir, name uint32 }

// Add appends path; At returns it again, byte for byte.
func (l *List) Add(path string) {
	cut := len(path)
	for cut > 0 && !os.IsPathSeparator(path[cut-1]) {
		cut--
	}
	dir, name := path[:cut], path[cut:]
	if len(l.dirs) == 0 || l.dirs[len(l.dirs)-1] != dir {
		l.dirs = append(l.dirs, l.block.Keep(dir))
	}
	n, ok := l.nameOf[name]
	if !ok {
		if l.nameOf == nil {
			l.nameOf = map[string]uint32{}
		}
		n = uint32(len(l.names))
		name = l.block.Keep(name)
		l.names = append(l.names, name)
		l.nameOf[name] = n
	}
	l.items = append(l.items, item{dir: uint32(len(l.dirs) - 1), name: n})
}

// Len is the number of paths added.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return len(l.items)
}

// At returns the i-th path added, as a new string.
func (l *List) At(i int) string {
	it := l.items[i]
	return l.dirs[it.dir] + l.names[it.name]
}

// Slice returns the paths from start up to end as new strings, nil when
// there are none.
func (l *List) Slice(start, end int) []string {
	if start >= end {
		return nil
	}
	out := make([]string, end-start)
	for i := range out {
		out[i] = l.At(start + i)
	}
	return out
}
