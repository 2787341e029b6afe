package terraform

import (
	"bytes"
	"hash/maphash"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
	"github.com/rampart-iac/rampart/analyzer/terraform/synclone"
)

// Files that differ in a few lines are parsed once in full and, after
// that, only where they differ. terraform-aws-security-group's 58
// wrappers are each one module block of 75 arguments written one per
// line, of which 73 lines are the same in every wrapper; a repository's
// per-environment copies of a root module differ in the same way. An
// argument written on a line of its own parses the same wherever the
// line is, but for where it starts (synclone), so the loader keeps, by
// the line's bytes, the arguments of the files it parsed that stand on a
// line of their own (sourceCache.lines), and a file most of whose bytes
// are such lines is filled from them:
//
//   - each held line is replaced by a placeholder block, "x{}", and what
//     is left, the skeleton, is parsed: the blocks around the lines and
//     the lines no file held;
//   - every placeholder must come back as an empty block with that name
//     at the start of its line, where the parser reads a block's body
//     item: a line inside a heredoc, a comment, a multi-line expression
//     or an object gives no such block, or an error, and the file is
//     then parsed whole;
//   - the skeleton's tree is copied with its positions moved to the
//     file's (the lines before a position are the file's, shorter where
//     a placeholder stands), and each held argument is copied, moved to
//     its line, into the body its placeholder was in.
//
// The placeholders are body items where the arguments were, and each
// argument, having parsed whole in a file, ends at its line's end, so the
// parser reads the file as it reads the skeleton, each line in place of
// its placeholder (TestFilledFilesParseAsWhole, FuzzFilledFilesParseAsWhole).

// maxHeldLines bounds the bytes of the lines a loader holds arguments of.
const maxHeldLines = 512 << 10

// heldLine is an argument written on a line of its own in a file the
// loader parsed without a diagnostic.
type heldLine struct {
	hash uint64
	// text is the line, its line break included.
	text []byte
	attr *hclsyntax.Attribute
	// at is where the line starts in the file attr was parsed from.
	at hcl.Pos
}

// attributeLines lists the arguments of body, parsed from src, that
// stand on a line of their own: nothing but spaces and tabs around them,
// and a line break after. Their text is src's.
func (c *sourceCache) attributeLines(src []byte, body *hclsyntax.Body) []*heldLine {
	var out []*heldLine
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		for _, a := range b.Attributes {
			r := a.SrcRange
			if r.Start.Line != r.End.Line || r.End.Byte > len(src) {
				continue
			}
			start := bytes.LastIndexByte(src[:r.Start.Byte], '\n') + 1
			n := bytes.IndexByte(src[r.End.Byte:], '\n')
			if n < 0 || !blank(src[start:r.Start.Byte]) || !blank(bytes.TrimSuffix(src[r.End.Byte:r.End.Byte+n], []byte{'\r'})) {
				continue
			}
			text := src[start : r.End.Byte+n+1] // cloned when held
			out = append(out, &heldLine{
				hash: maphash.Bytes(c.seed, text), text: text, attr: a,
				at: hcl.Pos{Line: r.Start.Line, Column: 1, Byte: start},
			})
		}
		for _, blk := range b.Blocks {
			walk(blk.Body)
		}
	}
	walk(body)
	return out
}

func blank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// lineOf is one line of a file being filled.
type lineOf struct {
	start, end int // src[start:end] is the line, its line break included
	held       *heldLine
}

// fill returns the file src from path, built from the lines c holds, as
// the comment above says; ok is false when it must be parsed (too few
// held lines, a placeholder not where a body item is, a skeleton with a
// diagnostic, an argument set twice). A nil cache fills nothing.
func (c *sourceCache) fill(src []byte, path string) (_ *hcl.File, ok bool) {
	if c == nil || !nesting.WithinLimits(src) {
		return nil, false
	}
	lines, held := c.heldLinesOf(src)
	if held == 0 || 2*held < len(src) {
		return nil, false
	}
	// The skeleton, and for each of its lines how many bytes the file has
	// more before it.
	skel := make([]byte, 0, len(src)-held+8*len(lines))
	shift := make([]int, len(lines)+2)
	for i, l := range lines {
		shift[i+1] = l.start - len(skel)
		if l.held == nil {
			skel = append(skel, src[l.start:l.end]...)
			continue
		}
		skel = append(skel, "x{}"...)
		if bytes.HasSuffix(l.held.text, []byte("\r\n")) {
			skel = append(skel, '\r')
		}
		skel = append(skel, '\n')
	}
	shift[len(lines)+1] = len(src) - len(skel) // the end of a file ending with a line break
	f, diags := hclsyntax.ParseConfig(skel, path, hcl.InitialPos)
	if len(diags) > 0 {
		return nil, false
	}
	skeleton := f.Body.(*hclsyntax.Body)
	places, found := placeholders(skeleton, lines)
	if found != held {
		return nil, false
	}
	body, ok := synclone.Options{Filename: path, Move: func(p hcl.Pos) hcl.Pos {
		if p.Line >= 0 && p.Line < len(shift) {
			p.Byte += shift[p.Line]
		}
		return p
	}}.Body(skeleton)
	if !ok || !fillBodies(skeleton, body, places, lines, path) {
		return nil, false
	}
	// The file's body starts at its first token: a placeholder's where
	// the file starts with a held line, the argument's name in the file.
	if start := &body.SrcRange.Start; start.Line >= 1 && start.Line <= len(lines) {
		if hl := lines[start.Line-1].held; hl != nil {
			start.Column = hl.attr.SrcRange.Start.Column
			start.Byte += hl.attr.SrcRange.Start.Byte - hl.at.Byte
		}
	}
	c.mu.Lock()
	c.filled++
	c.mu.Unlock()
	return &hcl.File{Body: body, Bytes: src}, true
}

// heldLinesOf cuts src into lines, each with the argument c holds for its
// bytes, and counts the bytes of those held. A last line without a line
// break is never held.
func (c *sourceCache) heldLinesOf(src []byte) (lines []lineOf, held int) {
	c.mu.Lock()
	empty := len(c.lines) == 0
	c.mu.Unlock()
	if empty {
		return nil, 0
	}
	hashes := make([]uint64, 0, bytes.Count(src, []byte{'\n'})+1)
	for start := 0; start < len(src); {
		end := len(src)
		if n := bytes.IndexByte(src[start:], '\n'); n >= 0 {
			end = start + n + 1
			hashes = append(hashes, maphash.Bytes(c.seed, src[start:end]))
		}
		lines = append(lines, lineOf{start: start, end: end})
		start = end
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, h := range hashes {
		l := &lines[i]
		// Three bytes at least before the line break: the placeholder's.
		if hl := c.lines[h]; hl != nil && len(hl.text) >= 4 && bytes.Equal(hl.text, src[l.start:l.end]) {
			l.held = hl
			held += l.end - l.start
		}
	}
	return lines, held
}

// placeholders removes from the skeleton's bodies the placeholders it
// finds, each an empty block x at the start of a held line, and says, for
// each body, the lines of those it held; found counts their bytes in the
// file.
func placeholders(skeleton *hclsyntax.Body, lines []lineOf) (places map[*hclsyntax.Body][]int, found int) {
	places = map[*hclsyntax.Body][]int{}
	var walk func(b *hclsyntax.Body)
	walk = func(b *hclsyntax.Body) {
		kept := b.Blocks[:0]
		for _, blk := range b.Blocks {
			line := blk.TypeRange.Start.Line
			if i := line - 1; i >= 0 && i < len(lines) && lines[i].held != nil && isPlaceholder(blk) {
				places[b] = append(places[b], i)
				found += lines[i].end - lines[i].start
				continue
			}
			walk(blk.Body)
			kept = append(kept, blk)
		}
		clear(b.Blocks[len(kept):])
		b.Blocks = kept
	}
	walk(skeleton)
	return places, found
}

func isPlaceholder(b *hclsyntax.Block) bool {
	return b.Type == "x" && len(b.Labels) == 0 && b.TypeRange.Start.Column == 1 &&
		len(b.Body.Attributes) == 0 && len(b.Body.Blocks) == 0
}

// fillBodies puts into each body of the copy the held arguments whose
// placeholders the skeleton's body had, each moved to its line; false
// when one cannot be copied or sets an argument the body has.
func fillBodies(skeleton, copied *hclsyntax.Body, places map[*hclsyntax.Body][]int, lines []lineOf, path string) bool {
	for _, i := range places[skeleton] {
		l := lines[i]
		at := hcl.Pos{Line: i + 1, Byte: l.start}
		from := l.held.at
		a, ok := synclone.Options{Filename: path, Unwrap: forbudget.Unbound, Move: func(p hcl.Pos) hcl.Pos {
			p.Line += at.Line - from.Line
			p.Byte += at.Byte - from.Byte
			return p
		}}.Attribute(l.held.attr)
		if !ok || copied.Attributes[a.Name] != nil {
			return false
		}
		copied.Attributes[a.Name] = a
	}
	for i, blk := range skeleton.Blocks {
		if !fillBodies(blk.Body, copied.Blocks[i].Body, places, lines, path) {
			return false
		}
	}
	return true
}
