// Package nesting bounds how deeply HCL and JSON sources nest before a
// recursive-descent parser sees them. hclsyntax and hcl's JSON parser
// recurse once per bracket, unary operator, conditional and template
// directive: 80,000 nested parentheses in a 160 KB file overflow the
// goroutine stack, a fatal error no recover catches. The checks here are
// iterative and run in time linear in the source.
package nesting

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

const (
	// MaxDepth bounds the nesting of brackets, braces, parentheses,
	// quoted and heredoc templates, interpolations and template
	// directives (blocks nest through their braces).
	MaxDepth = 256
	// MaxOperators bounds the operators of one expression outside
	// brackets: a chain of unary operators or conditionals nests in the
	// parser, and a chain of binary operators in the evaluator.
	MaxOperators = 1024
)

// HCL checks native syntax: a configuration file, or a template when
// template is set. It returns no diagnostics for a source the lexer cannot
// read, which the parser then reports itself.
func HCL(src []byte, filename string, start hcl.Pos, template bool) hcl.Diagnostics {
	if WithinLimits(src) {
		return nil
	}
	var toks hclsyntax.Tokens
	if template {
		toks, _ = hclsyntax.LexTemplate(src, filename, start)
	} else {
		toks, _ = hclsyntax.LexConfig(src, filename, start)
	}
	return checkTokens(toks)
}

// WithinLimits reports whether src holds too few of the bytes that open
// a level or make an operator to pass either limit, whatever tokens they
// are part of, so that it needs no lexing (lexing is as costly as
// parsing, and most files of a module pass).
//
// Levels: a bracket, a brace, a parenthesis, an interpolation ${ and a
// directive %{ each hold one of { [ (. A quoted or heredoc template opens
// only where an expression is read: at the top, or inside an
// interpolation or directive of the template around it, so at most one
// more than the ${ and %{ count at once; and an open if or for directive
// counts one more for its %{. Operators: each holds one of + - * / % & |
// ! < > ?, or is ==. Counting those bytes bounds the tokens from above.
func WithinLimits(src []byte) bool {
	levels, operators := count(src)
	return levels <= MaxDepth && operators <= MaxOperators
}

// FewOperators reports whether src holds too few of the bytes that make
// an operator for any expression in it to pass MaxOperators, whatever
// tokens they are part of. A reader that bounds the nesting itself (the
// skim of module blocks) needs only this of the check.
func FewOperators(src []byte) bool {
	_, operators := count(src)
	return operators <= MaxOperators
}

// count bounds from above the levels and the operators in src, as
// WithinLimits says.
func count(src []byte) (levels, operators int) {
	levels = 1 // the outermost template
	for i, c := range src {
		switch c {
		case '{', '[', '(':
			levels++
			if c == '{' && i > 0 {
				switch src[i-1] {
				case '$':
					levels++ // the template it may open
				case '%':
					levels += 2 // the template, and the directive
				}
			}
		case '+', '-', '*', '/', '%', '&', '|', '!', '<', '>', '?':
			operators++
		case '=':
			if i+1 < len(src) && src[i+1] == '=' {
				operators++
			}
		}
	}
	return levels, operators
}

// level is one open bracket (or template directive) and the operators
// counted in its current expression.
type level struct {
	open hclsyntax.TokenType
	ops  int
}

func checkTokens(toks hclsyntax.Tokens) hcl.Diagnostics {
	stack := []level{{open: hclsyntax.TokenOBrace}} // the file body
	directives := 0                                 // open %{if} and %{for}
	afterControl := false                           // the previous token was %{
	for i := range toks {
		tok := &toks[i]
		top := &stack[len(stack)-1]
		directive := ""
		if afterControl && tok.Type == hclsyntax.TokenIdent {
			directive = string(tok.Bytes)
		}
		afterControl = tok.Type == hclsyntax.TokenTemplateControl
		switch {
		case directive == "if" || directive == "for":
			directives++
		case directive == "endif" || directive == "endfor":
			directives = max(directives-1, 0)
		case opens(tok.Type):
			stack = append(stack, level{open: tok.Type})
		case closes(tok.Type):
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
		case separates(tok.Type, top.open):
			top.ops = 0
		case isOperator(tok.Type):
			top.ops++
			if top.ops > MaxOperators {
				return tooDeep(tok, fmt.Sprintf("an expression has more than %d operators", MaxOperators))
			}
		}
		if len(stack)-1+directives > MaxDepth {
			return tooDeep(tok, fmt.Sprintf("more than %d brackets, templates or blocks are open", MaxDepth))
		}
	}
	return nil
}

func tooDeep(tok *hclsyntax.Token, what string) hcl.Diagnostics {
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  "Configuration nested too deeply",
		Detail:   detail(what),
		Subject:  tok.Range.Ptr(),
	}}
}

func detail(what string) string {
	return "Nested too deeply: " + what + " here. rampart refuses this before parsing, so that it cannot exhaust the stack."
}

func opens(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen,
		hclsyntax.TokenOQuote, hclsyntax.TokenOHeredoc,
		hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
		return true
	}
	return false
}

func closes(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen,
		hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
		return true
	}
	return false
}

// separates reports whether t ends an expression inside open: a comma or
// an equals sign anywhere, a newline only in a body or an object, since
// the parser ignores newlines inside parentheses and brackets.
func separates(t, open hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenComma, hclsyntax.TokenEqual:
		return true
	case hclsyntax.TokenNewline:
		return open == hclsyntax.TokenOBrace
	}
	return false
}

func isOperator(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenPlus, hclsyntax.TokenMinus, hclsyntax.TokenStar, hclsyntax.TokenSlash,
		hclsyntax.TokenPercent, hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenBang,
		hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan,
		hclsyntax.TokenLessThanEq, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
		hclsyntax.TokenQuestion:
		return true
	}
	return false
}

// JSON checks a JSON document: its objects and arrays nest at most
// MaxDepth deep, and each string holding an interpolation or directive,
// which hcl parses as a template, passes HCL.
func JSON(src []byte, filename string) hcl.Diagnostics {
	depth := 0
	inString, escaped := false, false
	strStart, strPos := 0, hcl.Pos{}
	pos := hcl.Pos{Line: 1, Column: 1}
	for i, c := range src {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
				if diags := jsonString(src[strStart:i+1], filename, strPos); diags.HasErrors() {
					return diags
				}
			}
		case c == '"':
			inString = true
			strStart, strPos = i, hcl.Pos{Line: pos.Line, Column: pos.Column, Byte: i}
		case c == '{' || c == '[':
			depth++
			if depth > MaxDepth {
				at := hcl.Pos{Line: pos.Line, Column: pos.Column, Byte: i}
				return hcl.Diagnostics{{
					Severity: hcl.DiagError,
					Summary:  "Configuration nested too deeply",
					Detail:   detail(fmt.Sprintf("more than %d objects or arrays are open", MaxDepth)),
					Subject:  &hcl.Range{Filename: filename, Start: at, End: hcl.Pos{Line: at.Line, Column: at.Column + 1, Byte: i + 1}},
				}}
			}
		case c == '}' || c == ']':
			depth = max(depth-1, 0)
		}
		if c == '\n' {
			pos.Line, pos.Column = pos.Line+1, 1
		} else if c < 0x80 || c >= 0xC0 {
			pos.Column++ // one column per character, not per byte
		}
	}
	return nil
}

// jsonString checks a quoted JSON string that hcl will parse as a
// template; the error is at the string's opening quote.
func jsonString(quoted []byte, filename string, at hcl.Pos) hcl.Diagnostics {
	if !bytes.Contains(quoted, []byte("${")) && !bytes.Contains(quoted, []byte("%{")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(quoted, &s); err != nil {
		return nil // hcl's JSON parser reports the malformed string
	}
	diags := HCL([]byte(s), filename, hcl.InitialPos, true)
	for _, d := range diags {
		d.Subject = &hcl.Range{Filename: filename, Start: at, End: hcl.Pos{Line: at.Line, Column: at.Column + 1, Byte: at.Byte + 1}}
	}
	return diags
}
