package terraform

import (
	"bytes"
	"hash/maphash"
	"sync"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/synclone"
)

// sourceCache holds the native syntax files a loader parsed, by their
// bytes, so that a file with the same bytes under another name is copied
// rather than parsed again (synclone). Repositories repeat files: the 58
// generated modules of terraform-aws-security-group share their main.tf,
// variables.tf and outputs.tf, half of its source, and the copy costs
// about a sixteenth of the parse (docs/performance.md). It holds the
// arguments of those files that stand on a line of their own as well,
// which fill a file that differs from them in a few lines (lines.go). It
// lives as long as the loader and holds at most maxCachedSource bytes of
// source, as the loader does, and maxHeldLines of lines; it is safe for
// concurrent use.
type sourceCache struct {
	seed  maphash.Seed
	mu    sync.Mutex
	files map[uint64]*hcl.File
	bytes int
	lines map[uint64]*heldLine
	// lineBytes counts the bytes of the lines held.
	lineBytes int
	// copies counts the files given copied, filled those given filled.
	copies, filled int
}

func newSourceCache() *sourceCache {
	return &sourceCache{seed: maphash.MakeSeed(), files: map[uint64]*hcl.File{}, lines: map[uint64]*heldLine{}}
}

// clone returns the file parsed from the same bytes as src, copied under
// path, with its for expressions unbounded: the caller bounds it as it
// bounds what it parses. ok is false when no such file is held (a nil
// cache holds none).
func (c *sourceCache) clone(src []byte, path string) (_ *hcl.File, ok bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	f := c.files[maphash.Bytes(c.seed, src)]
	c.mu.Unlock()
	if f == nil || !bytes.Equal(f.Bytes, src) {
		return nil, false
	}
	body, ok := synclone.Body(f.Body.(*hclsyntax.Body), path, forbudget.Unbound)
	if !ok {
		return nil, false
	}
	c.mu.Lock()
	c.copies++
	c.mu.Unlock()
	return &hcl.File{Body: body, Bytes: src}, true
}

// add holds f, parsed from src without a diagnostic, unless the cache is
// full or holds a file with the same hash already, and the arguments of
// f on a line of their own, but those whose lines it holds already or
// past its bound.
func (c *sourceCache) add(src []byte, f *hcl.File) {
	if c == nil {
		return
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return
	}
	c.mu.Lock()
	full := c.lineBytes >= maxHeldLines
	c.mu.Unlock()
	var lines []*heldLine
	if !full {
		lines = c.attributeLines(src, body)
	}
	h := maphash.Bytes(c.seed, src)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files[h] == nil && c.bytes+len(src) <= maxCachedSource {
		c.files[h] = f
		c.bytes += len(src)
	}
	for _, l := range lines {
		if c.lines[l.hash] == nil && c.lineBytes+len(l.text) <= maxHeldLines {
			l.text = bytes.Clone(l.text)
			c.lines[l.hash] = l
			c.lineBytes += len(l.text)
		}
	}
}
