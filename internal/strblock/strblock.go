// Package strblock keeps many short strings in a few large blocks of
// memory.
//
// A scan keeps many paths until its report: its Terraform directories,
// its templates, its units, and the directories and names of the file
// lists of pathlist. On a tree of 200 repository copies they are tens of
// thousands of strings of 30 to 80 bytes, each a heap object of its own
// that the garbage collector marks on every cycle and sweeps after it.
// Copied into 64 KiB blocks they are a few hundred objects; the strings
// are as before, substrings of the blocks. A block stays in memory while any of
// its strings is used, so a Block is for strings kept together, for the
// life of the same thing.
package strblock

import "strings"

// blockSize is the size of each block; a string longer than a quarter of
// it gets a block of its own, so no block wastes more than a quarter.
const blockSize = 64 << 10

// A Block copies strings into shared blocks. The zero value is ready to
// use; a Block must not be copied after first use, nor used by two
// goroutines at once.
type Block struct {
	b strings.Builder
}

// Keep returns a copy of s that lives in the current block.
func (k *Block) Keep(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > blockSize/4 {
		return strings.Clone(s)
	}
	if k.b.Cap()-k.b.Len() < len(s) {
		k.b = strings.Builder{}
		k.b.Grow(blockSize)
	}
	// The builder only ever appends: the bytes of the strings it
	// returned stay as they were.
	start := k.b.Len()
	k.b.WriteString(s)
	return k.b.String()[start:]
}

// KeepAll returns a new slice of the copies of ss in the block; nil for
// nil.
func (k *Block) KeepAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = k.Keep(s)
	}
	return out
}
