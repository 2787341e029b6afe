package suppress

import (
	"bytes"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"go.yaml.in/yaml/v3"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// comment is a suppression comment found in a source file, with the lines
// of the element it is about: the attribute, block or resource on its line
// (a trailing comment) or on the line below it (a comment of its own line,
// possibly among other comment lines). first is 0 when nothing follows it.
type comment struct {
	text        string
	at          graph.Location
	first, last int
}

// hasMarker is the cheap test that spares parsing a file with no
// suppression comment.
func hasMarker(src []byte) bool { return bytes.Contains(src, []byte(marker)) }

// HasMarker reports whether a file's bytes may hold an inline suppression
// comment. A scan that has read a file and found none need not have Apply
// read it again: its ReadFile may return no bytes for it.
func HasMarker(src []byte) bool { return hasMarker(src) }

// terraformComments finds the `#` and `//` suppression comments of a
// Terraform file. Tokens come from hcl's lexer, which is iterative, so a
// string or heredoc holding the marker is never taken for a comment.
func terraformComments(src []byte, file string) []comment {
	toks, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	var out []comment
	for i, tok := range toks {
		text, ok := lineComment(tok)
		if !ok || !strings.Contains(text, marker) {
			continue
		}
		c := comment{text: text, at: graph.Location{File: file,
			StartLine: tok.Range.Start.Line, StartCol: tok.Range.Start.Column,
			EndLine: tok.Range.Start.Line}}
		if start := hclTarget(toks, i); start >= 0 {
			c.first = toks[start].Range.Start.Line
			c.last = hclElementEnd(toks, start)
		}
		out = append(out, c)
	}
	return out
}

// lineComment returns the text of a `#` or `//` comment token.
func lineComment(tok hclsyntax.Token) (string, bool) {
	if tok.Type != hclsyntax.TokenComment {
		return "", false
	}
	b := string(tok.Bytes)
	for _, prefix := range []string{"#", "//"} {
		if rest, ok := strings.CutPrefix(b, prefix); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false // a /* */ comment
}

// hclTarget returns the index of the first token of the element the
// comment at index i is about, or -1.
func hclTarget(toks hclsyntax.Tokens, i int) int {
	line := toks[i].Range.Start.Line
	// A trailing comment: the element is the one its line starts.
	if i > 0 && significant(toks[i-1]) && toks[i-1].Range.End.Line == line {
		j := i - 1
		for j > 0 && significant(toks[j-1]) && toks[j-1].Range.End.Line == line {
			j--
		}
		return j
	}
	// A comment of its own: skip the comment lines right below it; the
	// element starts on the next line. A blank line detaches it.
	for j := i + 1; j < len(toks); j++ {
		switch {
		case toks[j].Type == hclsyntax.TokenComment && toks[j].Range.Start.Line == line+1:
			line++
		case significant(toks[j]) && toks[j].Range.Start.Line == line+1:
			return j
		default:
			return -1
		}
	}
	return -1
}

func significant(tok hclsyntax.Token) bool {
	switch tok.Type {
	case hclsyntax.TokenComment, hclsyntax.TokenNewline, hclsyntax.TokenEOF:
		return false
	}
	return true
}

// hclElementEnd returns the last line of the element starting at token
// start: the end of its line once every bracket, quote, heredoc and
// template sequence it opens is closed.
func hclElementEnd(toks hclsyntax.Tokens, start int) int {
	depth := 0
	last := toks[start].Range.End.Line
	for j := start; j < len(toks); j++ {
		tok := toks[j]
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
			hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc,
			hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			depth++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
			hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			depth--
			if depth < 0 { // the enclosing block closes: the element ended before
				return last
			}
		case hclsyntax.TokenNewline, hclsyntax.TokenEOF:
			if depth == 0 {
				return last
			}
			continue
		case hclsyntax.TokenComment:
			if depth == 0 && bytes.HasSuffix(tok.Bytes, []byte("\n")) {
				return tok.Range.Start.Line
			}
			continue
		}
		last = tok.Range.End.Line
	}
	return last
}

// yamlComments finds the `#` suppression comments of a CloudFormation YAML
// template. Lines are scanned for comments; a candidate counts only when
// the YAML parser saw the same text as a comment, so the marker inside a
// quoted or block scalar is not taken for one.
func yamlComments(src []byte, file string) []comment {
	real := yamlCommentTexts(src)
	if len(real) == 0 {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var out []comment
	for i, line := range lines {
		col := yamlCommentStart(line)
		if col < 0 {
			continue
		}
		text := strings.TrimSpace(line[col+1:])
		if !strings.Contains(text, marker) || !real[text] {
			continue
		}
		c := comment{text: text, at: graph.Location{File: file, StartLine: i + 1, StartCol: col + 1, EndLine: i + 1}}
		target := i // a trailing comment is about its own line
		if strings.TrimSpace(line[:col]) == "" {
			target = yamlNextElement(lines, i)
		}
		if target >= 0 {
			c.first, c.last = target+1, yamlElementEnd(lines, target)+1
		}
		out = append(out, c)
	}
	return out
}

// yamlCommentTexts collects the text of every comment line the YAML
// parser attached to a node. A file that does not parse has none.
func yamlCommentTexts(src []byte) map[string]bool {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil
	}
	texts := map[string]bool{}
	stack := []*yaml.Node{&doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
			for _, l := range strings.Split(c, "\n") {
				if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
					texts[strings.TrimSpace(t[1:])] = true
				}
			}
		}
		stack = append(stack, n.Content...)
	}
	return texts
}

// yamlCommentStart returns the index of the `#` that starts a comment on
// line, or -1. A `#` starts one at the beginning of the line or after a
// blank, outside quotes; a quote opens a quoted scalar only where a scalar
// starts.
func yamlCommentStart(line string) int {
	var quote byte
	prev := byte(' ') // the previous non-blank byte; ' ' at the line start
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
				} else {
					quote = 0
				}
			}
			continue
		case quote == '"':
			if c == '\\' {
				i++
			} else if c == '"' {
				quote = 0
			}
			continue
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return i
		case (c == '\'' || c == '"') && strings.IndexByte(" :-[{,", prev) >= 0:
			quote = c
		}
		if c != ' ' && c != '\t' {
			prev = c
		}
	}
	return -1
}

// yamlNextElement returns the index of the line a comment line i is about:
// the next line, past other comment lines; -1 after a blank line or at the
// end.
func yamlNextElement(lines []string, i int) int {
	for j := i + 1; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		switch {
		case t == "":
			return -1
		case strings.HasPrefix(t, "#"):
			continue
		default:
			return j
		}
	}
	return -1
}

// yamlElementEnd returns the index of the last line of the element on line
// i: the lines below it indented deeper belong to it.
func yamlElementEnd(lines []string, i int) int {
	indent := indentation(lines[i])
	// A key's list may sit at the key's own indentation ("Key:" then
	// "- item"); the items of a list item's own list may not.
	isKey := !strings.HasPrefix(strings.TrimSpace(lines[i]), "-")
	end := i
	for j := i + 1; j < len(lines); j++ {
		t := strings.TrimSpace(lines[j])
		in := indentation(lines[j])
		if t == "" || strings.HasPrefix(t, "#") && in <= indent {
			continue // a comment line deeper in may be a block scalar's text
		}
		if in < indent || in == indent && !(isKey && strings.HasPrefix(t, "-")) {
			break
		}
		end = j
	}
	return end
}

func indentation(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}
