package terraform

import (
	"bytes"

	"github.com/apparentlymart/go-textseg/v15/textseg"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// Finding the roots of a tree reads the module calls of every directory
// that has any, and keeps few of those parses (loader.keepAtMost): on the
// 20-copy tree of issue 16 that was 22 MB of source parsed only for the
// source argument of its module blocks, more than a quarter of all
// parsing, though hcl's lexer is most of what a parse costs and those
// files are nearly all module blocks. skimModuleBlocks reads the same answer with a scan of the
// bytes that only tells strings, heredocs, comments and brackets apart.
//
// It gives the top-level module blocks of a native syntax file as hcl
// parses them, each holding its source argument alone, and declines (ok
// false, the file is then parsed) wherever it could answer otherwise: a
// file the nesting check refuses, a bracket that does not match, a
// character hcl does not accept outside a string, a string, heredoc or
// comment left open, anything but an argument or a block where a body item
// starts, a module block on one line, with a nested block, with a source
// that is not one plain quoted string or more than one, and text that is
// not ASCII on the line of a name or source, where hcl counts columns in
// grapheme clusters. TestSkimAsParsed, TestSkimTestData and
// FuzzSkimAsParsed check that a file skimmed gives the module calls the
// parse gives.
//
// That holds for a file hcl parses without an error. One with a syntax
// error may be skimmed otherwise than parsed: hcl's recovery skips to a
// line end, past a brace that closed a block, and can take a later module
// block into the broken block's body, which no reader short of hcl's
// parser foresees. Such a file still fails the scan: every root is
// loaded, and the first broken directory on the way from a root is
// parsed in full and reports its error. What the skim can change is only
// which directories that failing scan evaluates as roots.
func skimModuleBlocks(src []byte, filename string) (*hclsyntax.Body, bool) {
	// The nesting check lexes a file with more than MaxDepth brackets in
	// all, as most module-heavy files have; the skimmer bounds the depth
	// itself, so only the operators need the check, and they rarely do.
	if !nesting.FewOperators(src) && len(nesting.HCL(src, filename, hcl.InitialPos, false)) > 0 {
		return nil, false
	}
	// An open if or for directive counts as a level too, and there are no
	// more of them than %{ sequences.
	s := &skimmer{src: src, filename: filename, line: 1, maxDepth: nesting.MaxDepth - bytes.Count(src, []byte("%{"))}
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, Blocks: hclsyntax.Blocks{}}
	for {
		if !s.skipBlankLines() {
			return nil, false
		}
		if s.pos == len(s.src) {
			break
		}
		typ, typeRange, ok := s.name()
		if !ok {
			return nil, false
		}
		s.skipSpaces()
		if s.at('=') && !s.atPair('=', '=') {
			s.pos++
			if !s.skipNested(0) {
				return nil, false
			}
			continue
		}
		var labels []string
		var labelRanges []hcl.Range
		for !s.at('{') {
			label, rng, ok := s.label()
			if !ok {
				return nil, false
			}
			labels = append(labels, label)
			labelRanges = append(labelRanges, rng)
			s.skipSpaces()
		}
		if typ != "module" {
			if !s.skipBraced() || !s.endOfItem() {
				return nil, false
			}
			continue
		}
		block, ok := s.moduleBlock(typ, labels, typeRange, labelRanges)
		if !ok || !s.endOfItem() {
			return nil, false
		}
		body.Blocks = append(body.Blocks, block)
	}
	lastLine := s.src[s.lineStart:]
	columns := len(lastLine)
	if !isASCII(lastLine) {
		columns, _ = textseg.TokenCount(lastLine, textseg.ScanGraphemeClusters)
	}
	end := hcl.Pos{Line: s.line, Column: columns + 1, Byte: len(s.src)}
	body.SrcRange = hcl.Range{Filename: filename, Start: hcl.InitialPos, End: end}
	body.EndRange = hcl.Range{Filename: filename, Start: end, End: end}
	return body, true
}

// skimmer is the state of skimModuleBlocks: a position in the source and
// the line it is on.
type skimmer struct {
	src       []byte
	filename  string
	pos       int
	line      int
	lineStart int
	// ascii is where the current line is known to be ASCII up to.
	ascii int
	// depth counts what is open as the nesting check counts it (brackets,
	// braces, templates, interpolations and directives); a file that
	// would pass maxDepth is declined, so that the nesting check's
	// refusal is not skimmed past.
	depth, maxDepth int
}

// open counts one more level open, and reports whether that is within
// maxDepth.
func (s *skimmer) open() bool {
	s.depth++
	return s.depth <= s.maxDepth
}

func (s *skimmer) at(c byte) bool { return s.pos < len(s.src) && s.src[s.pos] == c }

func (s *skimmer) atPair(c, d byte) bool {
	return s.pos+1 < len(s.src) && s.src[s.pos] == c && s.src[s.pos+1] == d
}

// newline moves past the line feed at pos.
func (s *skimmer) newline() {
	s.pos++
	s.line++
	s.lineStart = s.pos
}

// rangeFrom is the range from start to pos, both on the current line,
// when the line up to pos is ASCII, so that columns count bytes.
func (s *skimmer) rangeFrom(start int) (hcl.Range, bool) {
	if !isASCII(s.src[max(s.ascii, s.lineStart):s.pos]) {
		return hcl.Range{}, false
	}
	s.ascii = s.pos
	return hcl.Range{
		Filename: s.filename,
		Start:    hcl.Pos{Line: s.line, Column: start - s.lineStart + 1, Byte: start},
		End:      hcl.Pos{Line: s.line, Column: s.pos - s.lineStart + 1, Byte: s.pos},
	}, true
}

// skipSpaces moves past blanks and block comments that stay on the line.
func (s *skimmer) skipSpaces() {
	for s.pos < len(s.src) {
		switch {
		case s.src[s.pos] == ' ' || s.src[s.pos] == '\t':
			s.pos++
		case s.atPair('/', '*'):
			saved := *s
			if !s.skipBlockComment() || s.line != saved.line {
				*s = saved // left for the caller to decline
				return
			}
		default:
			return
		}
	}
}

// skipBlankLines moves past blanks, comments and line ends between body
// items.
func (s *skimmer) skipBlankLines() bool {
	for s.pos < len(s.src) {
		if skipped, ok := s.skipTrivia(); skipped {
			if !ok {
				return false
			}
			continue
		}
		switch s.src[s.pos] {
		case ' ', '\t':
			s.pos++
		case '\n':
			s.newline()
		default:
			return true
		}
	}
	return true
}

// skipTrivia moves past what pos holds when it is a comment or the
// carriage return of a CRLF line end: skipped reports whether it was, ok
// false a lone carriage return or a block comment left open.
func (s *skimmer) skipTrivia() (skipped, ok bool) {
	switch {
	case s.at('\r'):
		if !s.atPair('\r', '\n') {
			return true, false
		}
		s.pos++
	case s.at('#') || s.atPair('/', '/'):
		s.skipLineComment()
	case s.atPair('/', '*'):
		return true, s.skipBlockComment()
	default:
		return false, true
	}
	return true, true
}

// skipLineComment moves to the line feed that ends a # or // comment.
func (s *skimmer) skipLineComment() {
	for s.pos < len(s.src) && s.src[s.pos] != '\n' {
		s.pos++
	}
}

// skipBlockComment moves past a /* */ comment.
func (s *skimmer) skipBlockComment() bool {
	s.pos += 2
	for s.pos < len(s.src) {
		switch {
		case s.src[s.pos] == '\n':
			s.newline()
		case s.atPair('*', '/'):
			s.pos += 2
			return true
		default:
			s.pos++
		}
	}
	return false
}

// endOfItem moves past what ends a body item: a line end, a line comment
// (whose line feed ends it) or the end of the file.
func (s *skimmer) endOfItem() bool {
	s.skipSpaces()
	switch {
	case s.pos == len(s.src):
		return true
	case s.at('\n'):
		s.newline()
		return true
	case s.atPair('\r', '\n'):
		s.pos++
		s.newline()
		return true
	case s.at('#') || s.atPair('/', '/'):
		s.skipLineComment()
		return true
	}
	return false
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// ident reads an ASCII identifier.
func (s *skimmer) ident() (string, bool) {
	start := s.pos
	if s.pos < len(s.src) && isIdentStart(s.src[s.pos]) {
		for s.pos++; s.pos < len(s.src) && isIdentByte(s.src[s.pos]); s.pos++ {
		}
	}
	if s.pos == start || s.pos < len(s.src) && s.src[s.pos] >= 0x80 {
		return "", false
	}
	return string(s.src[start:s.pos]), true
}

// name reads the identifier that starts a body item, and its range.
func (s *skimmer) name() (string, hcl.Range, bool) {
	start := s.pos
	name, ok := s.ident()
	if !ok {
		return "", hcl.Range{}, false
	}
	rng, ok := s.rangeFrom(start)
	return name, rng, ok
}

// label reads a block label: an identifier, or a quoted string that
// needs no decoding.
func (s *skimmer) label() (string, hcl.Range, bool) {
	start := s.pos
	var value string
	if s.at('"') {
		v, ok := s.plainString()
		if !ok {
			return "", hcl.Range{}, false
		}
		value = v
	} else {
		v, ok := s.ident()
		if !ok {
			return "", hcl.Range{}, false
		}
		value = v
	}
	rng, ok := s.rangeFrom(start)
	return value, rng, ok
}

// plainString reads a quoted string of printable ASCII without escapes,
// interpolations or directives, whose value is its text. Anything else is
// declined.
func (s *skimmer) plainString() (string, bool) {
	s.pos++
	start := s.pos
	for ; s.pos < len(s.src); s.pos++ {
		switch c := s.src[s.pos]; {
		case c == '"':
			v := string(s.src[start:s.pos])
			s.pos++
			return v, true
		case c < 0x20 || c >= 0x7f || c == '\\' || c == '$' || c == '%':
			return "", false
		}
	}
	return "", false
}

// moduleBlock reads a module block's body, from its opening brace, for
// its source argument.
func (s *skimmer) moduleBlock(typ string, labels []string, typeRange hcl.Range, labelRanges []hcl.Range) (*hclsyntax.Block, bool) {
	open := s.pos
	if !s.open() {
		return nil, false
	}
	s.pos++
	openRange, ok := s.rangeFrom(open)
	if !ok || !s.endOfItem() { // or a block on one line
		return nil, false
	}
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, Blocks: hclsyntax.Blocks{}}
	for {
		if !s.skipBlankLines() || s.pos == len(s.src) {
			return nil, false
		}
		if s.at('}') {
			break
		}
		name, nameRange, ok := s.name()
		if !ok {
			return nil, false
		}
		s.skipSpaces()
		if !s.at('=') || s.atPair('=', '=') {
			return nil, false // a nested block, or not an argument
		}
		equals := s.pos
		s.pos++
		equalsRange, ok := s.rangeFrom(equals)
		if !ok {
			return nil, false
		}
		if name != "source" {
			if !s.skipNested(0) {
				return nil, false
			}
			continue
		}
		if body.Attributes["source"] != nil {
			return nil, false
		}
		s.skipSpaces()
		valueStart := s.pos
		if !s.at('"') {
			return nil, false
		}
		value, ok := s.plainString()
		if !ok || value == "" {
			return nil, false
		}
		valueRange, ok := s.rangeFrom(valueStart)
		if !ok {
			return nil, false
		}
		if !s.endOfItem() {
			return nil, false
		}
		body.Attributes["source"] = &hclsyntax.Attribute{
			Name: "source",
			Expr: &hclsyntax.TemplateExpr{
				Parts: []hclsyntax.Expression{&hclsyntax.LiteralValueExpr{
					Val: cty.StringVal(value),
					SrcRange: hcl.Range{
						Filename: s.filename,
						Start:    hcl.Pos{Line: valueRange.Start.Line, Column: valueRange.Start.Column + 1, Byte: valueRange.Start.Byte + 1},
						End:      hcl.Pos{Line: valueRange.End.Line, Column: valueRange.End.Column - 1, Byte: valueRange.End.Byte - 1},
					},
				}},
				SrcRange: valueRange,
			},
			SrcRange:    hcl.RangeBetween(nameRange, valueRange),
			NameRange:   nameRange,
			EqualsRange: equalsRange,
		}
	}
	if body.Attributes["source"] == nil {
		return nil, false
	}
	closeStart := s.pos
	s.pos++
	s.depth--
	closeRange, ok := s.rangeFrom(closeStart)
	if !ok {
		return nil, false
	}
	body.SrcRange = hcl.RangeBetween(openRange, closeRange)
	body.EndRange = hcl.Range{Filename: s.filename, Start: closeRange.End, End: closeRange.End}
	return &hclsyntax.Block{
		Type: typ, Labels: labels, Body: body,
		TypeRange: typeRange, LabelRanges: labelRanges,
		OpenBraceRange: openRange, CloseBraceRange: closeRange,
	}, true
}

// skipBraced moves past a block's body, from its opening brace to the
// brace that closes it.
func (s *skimmer) skipBraced() bool {
	if !s.open() {
		return false
	}
	s.pos++
	if !s.skipNested('}') {
		return false
	}
	s.depth--
	return true
}

// skipNested moves past source until the bracket close, which it moves
// past, or, when close is 0, until a line end outside any bracket, which
// ends an argument's expression (it stays at it), or the end of the file. It
// follows strings, heredocs and comments, and declines a bracket that
// does not match, a character hcl refuses outside strings (or one that is
// not ASCII, which may be part of an identifier), and the end of the file
// before close.
func (s *skimmer) skipNested(close byte) bool {
	var stack []byte // the closing brackets expected, innermost last
	want := func() byte {
		if len(stack) > 0 {
			return stack[len(stack)-1]
		}
		return close
	}
	for s.pos < len(s.src) {
		if skipped, ok := s.skipTrivia(); skipped {
			if !ok {
				return false
			}
			continue
		}
		c := s.src[s.pos]
		switch {
		case c == '\n':
			if close == 0 && len(stack) == 0 {
				return true
			}
			s.newline()
		case c == '"':
			if !s.open() {
				return false
			}
			s.pos++
			if !s.skipQuoted() {
				return false
			}
			s.depth--
		case s.atPair('<', '<'):
			// hcl has no << operator: what is not a heredoc is an error.
			marker, ok := s.heredocStart()
			if !ok || !s.open() || !s.skipHeredoc(marker) {
				return false
			}
			s.depth--
		case c == '{' || c == '[' || c == '(':
			if !s.open() {
				return false
			}
			stack = append(stack, closing(c))
			s.pos++
		case c == '}' || c == ']' || c == ')':
			if c != want() {
				return false
			}
			s.pos++
			if len(stack) == 0 {
				return true
			}
			stack = stack[:len(stack)-1]
			s.depth--
		case c == '~':
			// Strips the blanks beside an interpolation's or a directive's
			// braces; hcl accepts it nowhere else.
			if close != '}' || !(s.pos+1 < len(s.src) && s.src[s.pos+1] == '}' || s.pos > 0 && (s.src[s.pos-1] == '{')) {
				return false
			}
			s.pos++
		case c == ' ' || c == '\t' || isIdentByte(c):
			s.pos++
		default:
			switch c {
			case '+', '*', '/', '%', '=', '!', '<', '>', '&', '|', '?', ':', '.', ',':
				s.pos++
			default:
				return false
			}
		}
	}
	return close == 0 && len(stack) == 0
}

// skipQuoted moves past the rest of a quoted template, with its
// interpolations and directives, and past the closing quote.
func (s *skimmer) skipQuoted() bool {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '"':
			s.pos++
			return true
		case c == '\n' || c == '\r':
			return false // a quoted string ends on its line
		case c == '\\':
			if s.pos+1 >= len(s.src) || s.src[s.pos+1] == '\n' || s.src[s.pos+1] == '\r' {
				return false
			}
			s.pos += 2
		case c == '$' || c == '%':
			if !s.skipTemplateSequence() {
				return false
			}
		default:
			s.pos++
		}
	}
	return false
}

// skipTemplateSequence moves past a $ or % in a template: an escaped
// $${ or %%{, an interpolation or directive, or the character itself.
func (s *skimmer) skipTemplateSequence() bool {
	c := s.src[s.pos]
	switch {
	case s.pos+2 < len(s.src) && s.src[s.pos+1] == c && s.src[s.pos+2] == '{':
		s.pos += 3
	case s.pos+1 < len(s.src) && s.src[s.pos+1] == '{':
		if !s.open() {
			return false
		}
		s.pos += 2
		if !s.skipNested('}') {
			return false
		}
		s.depth--
	default:
		s.pos++
	}
	return true
}

// heredocStart reads <<MARKER or <<-MARKER and the line end after it,
// and returns the marker; it leaves pos where it was when that is not
// what follows.
func (s *skimmer) heredocStart() (string, bool) {
	pos := s.pos + 2
	if pos < len(s.src) && s.src[pos] == '-' {
		pos++
	}
	start := pos
	if pos < len(s.src) && isIdentStart(s.src[pos]) {
		for pos++; pos < len(s.src) && isIdentByte(s.src[pos]); pos++ {
		}
	}
	if pos == start {
		return "", false
	}
	marker := string(s.src[start:pos])
	if pos < len(s.src) && s.src[pos] == '\r' {
		pos++
	}
	if pos >= len(s.src) || s.src[pos] != '\n' {
		return "", false
	}
	s.pos = pos
	s.newline()
	return marker, true
}

// skipHeredoc moves past a heredoc's lines, from the line after its
// start, to the end of its closing marker, before the line end: as in
// hcl's scanner, a whole line that is the marker once bytes.TrimSpace has
// trimmed it, and that ends with a line feed.
func (s *skimmer) skipHeredoc(marker string) bool {
	for s.pos < len(s.src) {
		// At the start of a line.
		if end := bytes.IndexByte(s.src[s.pos:], '\n'); end >= 0 {
			end += s.pos
			if string(bytes.TrimSpace(s.src[s.pos:end])) == marker {
				s.pos = end
				if s.src[end-1] == '\r' {
					s.pos--
				}
				return true
			}
		}
		for s.pos < len(s.src) && s.src[s.pos] != '\n' {
			if c := s.src[s.pos]; c == '$' || c == '%' {
				line := s.line
				if !s.skipTemplateSequence() {
					return false
				}
				if s.line != line {
					return false // an interpolation across lines: declined
				}
				continue
			}
			s.pos++
		}
		if s.pos < len(s.src) {
			s.newline()
		}
	}
	return false
}

func closing(open byte) byte {
	switch open {
	case '{':
		return '}'
	case '[':
		return ']'
	}
	return ')'
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
