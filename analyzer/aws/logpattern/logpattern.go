// Package logpattern parses CloudWatch Logs filter patterns (the
// FilterPattern of a metric filter) and evaluates them against a JSON log
// event, such as a CloudTrail record delivered to a log group, with a
// three-valued answer: a condition on a field whose value varies from one
// event to the next is Maybe.
//
// Supported, as the CloudWatch Logs user guide describes them
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html):
//   - JSON patterns `{ SELECTOR OP VALUE }` with selectors `$.a.b[0]`,
//     operators = != < > <= >=, quoted or bare string values with `*`
//     wildcards, numbers, `IS NULL`, `IS TRUE`, `IS FALSE`, `NOT EXISTS`,
//     `&&`, `||` (`&&` binds tighter) and parentheses;
//   - term patterns: terms that must all appear (`ERROR "Access Denied"`),
//     terms of which one must appear (`?ERROR ?WARN`), excluded terms
//     (`ERROR -Retry`), searched for in the event's JSON text;
//   - the empty pattern, which matches every event.
//
// Regular expressions (`%...%`) and space-delimited patterns (`[a, b]`) are
// not evaluated: Parse returns an error saying so, and callers must treat
// the pattern as undecided.
package logpattern

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
	"github.com/rampart-iac/rampart/analyzer/aws/wildcard"
)

// Pattern is a parsed filter pattern.
type Pattern struct {
	expr  node   // a JSON pattern, or nil
	terms *terms // a term pattern, or nil; both nil: every event
}

// Parse parses a filter pattern.
func Parse(src string) (*Pattern, error) {
	s := strings.TrimSpace(src)
	switch {
	case s == "":
		return &Pattern{}, nil
	case strings.HasPrefix(s, "{"):
		p := &parser{src: s, pos: 1}
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if !p.consume("}") {
			return nil, p.errorf("expected && or || or }")
		}
		p.skipSpace()
		if p.pos < len(p.src) {
			return nil, p.errorf("unexpected text after the closing }")
		}
		return &Pattern{expr: e}, nil
	case strings.HasPrefix(s, "["):
		return nil, fmt.Errorf("space-delimited filter patterns are not evaluated")
	}
	t, err := parseTerms(s)
	if err != nil {
		return nil, err
	}
	return &Pattern{terms: t}, nil
}

// Match evaluates the pattern against a JSON log event: decoded JSON
// (map[string]any, []any, string, float64, bool, nil) in which
// tristate.Varying stands for a field present with a value that varies.
func (p *Pattern) Match(event map[string]any) tristate.Truth {
	switch {
	case p.expr != nil:
		return p.expr.eval(event)
	case p.terms != nil:
		return p.terms.match(renderText(event))
	}
	return tristate.Yes
}

// node is a JSON pattern expression.
type node interface {
	eval(event map[string]any) tristate.Truth
}

type orNode struct{ left, right node }

func (n orNode) eval(e map[string]any) tristate.Truth {
	return tristate.Or(n.left.eval(e), n.right.eval(e))
}

type andNode struct{ left, right node }

func (n andNode) eval(e map[string]any) tristate.Truth {
	return tristate.And(n.left.eval(e), n.right.eval(e))
}

// step is one selector step: a key, or an index when key is "".
type step struct {
	key   string
	index int
}

// found says what a selector reached.
type found int

const (
	absent  found = iota // the field is not in the event
	present              // the field is there (its value may be Varying)
	perhaps              // the path went through a Varying value: it may or may not exist
)

// resolve follows the selector's steps from the event's root.
func resolve(event map[string]any, sel []step) (any, found) {
	var cur any = event
	for _, s := range sel {
		switch v := cur.(type) {
		case tristate.Varying:
			return v, perhaps
		case map[string]any:
			next, ok := v[s.key]
			if s.key == "" || !ok {
				return nil, absent
			}
			cur = next
		case []any:
			if s.key != "" || s.index >= len(v) {
				return nil, absent
			}
			cur = v[s.index]
		default:
			return nil, absent
		}
	}
	return cur, present
}

// cond is `SELECTOR OP VALUE`.
type cond struct {
	sel []step
	op  string
	val value
}

// value is a pattern's literal: a string (with `*` wildcards), and its
// number when it is a bare number.
type value struct {
	text   string
	quoted bool
	num    float64
	isNum  bool
}

func (c cond) eval(event map[string]any) tristate.Truth {
	v, where := resolve(event, c.sel)
	if where == absent {
		return tristate.No
	}
	if _, varies := v.(tristate.Varying); varies || where == perhaps {
		return tristate.Maybe
	}
	switch c.op {
	case "=":
		return equal(v, c.val)
	case "!=":
		if v == nil {
			return tristate.No
		}
		return equal(v, c.val).Not()
	}
	n, ok := v.(float64)
	if !ok {
		return tristate.No
	}
	switch c.op {
	case "<":
		return tristate.Of(n < c.val.num)
	case ">":
		return tristate.Of(n > c.val.num)
	case "<=":
		return tristate.Of(n <= c.val.num)
	}
	return tristate.Of(n >= c.val.num)
}

// equal compares a present field with a literal: strings by glob, numbers
// numerically.
func equal(v any, lit value) tristate.Truth {
	switch x := v.(type) {
	case string:
		return tristate.Of(wildcard.Match(lit.text, x))
	case float64:
		if lit.isNum {
			return tristate.Of(x == lit.num)
		}
		return tristate.Of(wildcard.Match(lit.text, strconv.FormatFloat(x, 'f', -1, 64)))
	}
	return tristate.No
}

// test is `SELECTOR IS NULL|TRUE|FALSE` or `SELECTOR NOT EXISTS`.
type test struct {
	sel  []step
	what string // "NULL", "TRUE", "FALSE", "NOT EXISTS"
}

func (t test) eval(event map[string]any) tristate.Truth {
	v, where := resolve(event, t.sel)
	if t.what == "NOT EXISTS" {
		switch where {
		case absent:
			return tristate.Yes
		case perhaps:
			return tristate.Maybe
		}
		return tristate.No
	}
	if where == absent {
		return tristate.No
	}
	if _, varies := v.(tristate.Varying); varies || where == perhaps {
		return tristate.Maybe
	}
	switch t.what {
	case "NULL":
		return tristate.Of(v == nil)
	case "TRUE":
		return tristate.Of(v == true)
	}
	return tristate.Of(v == false)
}

// parser reads a JSON pattern; pos indexes src.
type parser struct {
	src string
	pos int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("filter pattern, column %d: %s", p.pos+1, fmt.Sprintf(format, args...))
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && isSpace(p.src[p.pos]) {
		p.pos++
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// consume skips s when the input continues with it.
func (p *parser) consume(s string) bool {
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

// consumeWord skips the keyword w when it stands alone (case-insensitive).
func (p *parser) consumeWord(w string) bool {
	rest := p.src[p.pos:]
	if len(rest) < len(w) || !strings.EqualFold(rest[:len(w)], w) {
		return false
	}
	if len(rest) > len(w) && !isSpace(rest[len(w)]) && !strings.ContainsRune(")}&|", rune(rest[len(w)])) {
		return false
	}
	p.pos += len(w)
	return true
}

func (p *parser) parseOr() (node, error) {
	left, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !p.consume("||") {
			return left, nil
		}
		right, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		left = orNode{left, right}
	}
}

func (p *parser) parseAnd() (node, error) {
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if !p.consume("&&") {
			return left, nil
		}
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		left = andNode{left, right}
	}
}

func (p *parser) parseUnary() (node, error) {
	p.skipSpace()
	if p.consume("(") {
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if !p.consume(")") {
			return nil, p.errorf("expected )")
		}
		return e, nil
	}
	return p.parseCondition()
}

func (p *parser) parseCondition() (node, error) {
	sel, err := p.parseSelector()
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	switch {
	case p.consumeWord("IS"):
		p.skipSpace()
		for _, w := range []string{"NULL", "TRUE", "FALSE"} {
			if p.consumeWord(w) {
				return test{sel: sel, what: w}, nil
			}
		}
		return nil, p.errorf("expected NULL, TRUE or FALSE after IS")
	case p.consumeWord("NOT"):
		p.skipSpace()
		if !p.consumeWord("EXISTS") {
			return nil, p.errorf("expected EXISTS after NOT")
		}
		return test{sel: sel, what: "NOT EXISTS"}, nil
	}
	op := ""
	for _, o := range []string{"!=", "<=", ">=", "=", "<", ">"} {
		if p.consume(o) {
			op = o
			break
		}
	}
	if op == "" {
		return nil, p.errorf("expected a comparison operator, IS or NOT EXISTS")
	}
	p.skipSpace()
	v, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	if op != "=" && op != "!=" && !v.isNum {
		return nil, p.errorf("operator %s needs a number, not %q", op, v.text)
	}
	return cond{sel: sel, op: op, val: v}, nil
}

// parseSelector reads `$` followed by `.key` and `[index]` steps.
func (p *parser) parseSelector() ([]step, error) {
	if !p.consume("$") {
		return nil, p.errorf("expected a selector starting with $")
	}
	var sel []step
	for {
		switch {
		case p.consume("."):
			start := p.pos
			for p.pos < len(p.src) && isKeyChar(p.src[p.pos]) {
				p.pos++
			}
			if p.pos == start {
				return nil, p.errorf("expected a field name after .")
			}
			sel = append(sel, step{key: p.src[start:p.pos]})
		case p.consume("["):
			start := p.pos
			for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
				p.pos++
			}
			i, err := strconv.Atoi(p.src[start:p.pos])
			if err != nil || !p.consume("]") {
				return nil, p.errorf("expected an array index [N]")
			}
			sel = append(sel, step{index: i})
		default:
			if len(sel) == 0 {
				return nil, p.errorf("expected a field after $")
			}
			return sel, nil
		}
	}
}

func isKeyChar(c byte) bool {
	return c == '_' || c == '-' || c == '@' || c == ':' ||
		(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// parseValue reads a quoted string, a regular expression (refused) or a
// bare word or number.
func (p *parser) parseValue() (value, error) {
	if p.pos >= len(p.src) {
		return value{}, p.errorf("expected a value")
	}
	switch p.src[p.pos] {
	case '"':
		return p.parseQuoted()
	case '%':
		return value{}, p.errorf("regular expression values are not evaluated")
	}
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if isSpace(c) || c == ')' || c == '}' || strings.HasPrefix(p.src[p.pos:], "&&") || strings.HasPrefix(p.src[p.pos:], "||") {
			break
		}
		p.pos++
	}
	text := p.src[start:p.pos]
	if text == "" {
		return value{}, p.errorf("expected a value")
	}
	v := value{text: text}
	if n, err := strconv.ParseFloat(text, 64); err == nil {
		v.num, v.isNum = n, true
	}
	return v, nil
}

func (p *parser) parseQuoted() (value, error) {
	start := p.pos
	p.pos++
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '\\':
			p.pos += 2
			continue
		case '"':
			p.pos++
			s, err := strconv.Unquote(p.src[start:p.pos])
			if err != nil {
				return value{}, p.errorf("bad quoted string %s", p.src[start:p.pos])
			}
			return value{text: s, quoted: true}, nil
		}
		p.pos++
	}
	return value{}, p.errorf("unterminated quoted string")
}

// terms is a term pattern: all of `all` and none of `none` appear, and one
// of `any` when it is not empty.
type terms struct {
	all, none, any []string
}

func parseTerms(s string) (*terms, error) {
	t := &terms{}
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		mark := byte(0)
		if s[0] == '?' || s[0] == '-' {
			mark, s = s[0], s[1:]
		}
		var word string
		if strings.HasPrefix(s, `"`) {
			end := strings.Index(s[1:], `"`)
			if end < 0 {
				return nil, fmt.Errorf("filter pattern: unterminated quoted term")
			}
			word, s = s[1:end+1], s[end+2:]
		} else {
			end := strings.IndexAny(s, " \t\n\r")
			if end < 0 {
				end = len(s)
			}
			word, s = s[:end], s[end:]
		}
		if word == "" {
			return nil, fmt.Errorf("filter pattern: empty term")
		}
		switch mark {
		case '?':
			t.any = append(t.any, word)
		case '-':
			t.none = append(t.none, word)
		default:
			t.all = append(t.all, word)
		}
	}
	if len(t.any) > 0 && len(t.all)+len(t.none) > 0 {
		return nil, fmt.Errorf("filter pattern: ?terms mixed with other terms are not evaluated")
	}
	return t, nil
}

// match searches the terms in the event's text, in which varying values
// are blanked: a term found only by chance in one instance's request
// parameters does not match the event.
func (t *terms) match(text string) tristate.Truth {
	for _, w := range t.all {
		if !strings.Contains(text, w) {
			return tristate.No
		}
	}
	for _, w := range t.none {
		if strings.Contains(text, w) {
			return tristate.No
		}
	}
	if len(t.any) == 0 {
		return tristate.Yes
	}
	for _, w := range t.any {
		if strings.Contains(text, w) {
			return tristate.Yes
		}
	}
	return tristate.No
}

// renderText is the event as CloudWatch Logs stores it (JSON), with every
// varying value blanked to "".
func renderText(event map[string]any) string {
	b, err := json.Marshal(blankVarying(event))
	if err != nil {
		return ""
	}
	return string(b)
}

func blankVarying(v any) any {
	switch x := v.(type) {
	case tristate.Varying:
		return ""
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = blankVarying(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = blankVarying(e)
		}
		return out
	}
	return v
}
