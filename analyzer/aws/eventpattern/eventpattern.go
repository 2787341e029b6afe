// Package eventpattern parses Amazon EventBridge event patterns (the
// EventPattern of a rule) and evaluates them against an event, with a
// three-valued answer: a condition on a field whose value varies from one
// event to the next, or on a pattern value the template does not know, is
// Maybe.
//
// Semantics, as the EventBridge user guide describes them
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html,
// eb-create-pattern-operators.html): a pattern is a JSON object whose
// fields the event must have with the same nesting; a leaf is an array of
// which one element must match the event's value (any element of it when
// the value is an array). Elements are exact values (string, number,
// boolean, null) or one-key filters: prefix, suffix, equals-ignore-case,
// wildcard, anything-but (a value, a list, or a prefix, suffix,
// equals-ignore-case or wildcard filter), numeric, exists and cidr. `$or`
// takes a list of patterns of which one must match. Anything else is an
// error: callers treat the pattern as undecided.
package eventpattern

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/aws/tristate"
	"github.com/rampart-iac/rampart/analyzer/aws/wildcard"
)

// Pattern is a parsed event pattern.
type Pattern struct{ root *object }

// object is a pattern object: every field matches, and one of each $or's
// alternatives.
type object struct {
	keys   []string
	fields map[string]field
	ors    [][]*object
}

// field is a nested object, or a leaf's matchers.
type field struct {
	nested   *object
	matchers []matcher
}

// Parse parses a decoded JSON event pattern (map[string]any, []any, string,
// float64, bool, nil), in which tristate.Unknown may stand for a value the
// template does not know.
func Parse(v any) (*Pattern, error) {
	o, err := parseObject(v, "")
	if err != nil {
		return nil, err
	}
	if len(o.keys) == 0 && len(o.ors) == 0 {
		return nil, fmt.Errorf("event pattern: empty pattern")
	}
	return &Pattern{root: o}, nil
}

func parseObject(v any, at string) (*object, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("event pattern%s: expected an object, got %s", where(at), describe(v))
	}
	o := &object{fields: map[string]field{}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := join(at, k)
		if k == "$or" {
			alts, err := parseOr(m[k], path)
			if err != nil {
				return nil, err
			}
			o.ors = append(o.ors, alts)
			continue
		}
		f, err := parseField(m[k], path)
		if err != nil {
			return nil, err
		}
		o.keys = append(o.keys, k)
		o.fields[k] = f
	}
	return o, nil
}

func parseOr(v any, at string) ([]*object, error) {
	list, ok := v.([]any)
	if !ok || len(list) < 2 {
		return nil, fmt.Errorf("event pattern%s: $or needs a list of at least two patterns", where(at))
	}
	var alts []*object
	for _, e := range list {
		o, err := parseObject(e, at)
		if err != nil {
			return nil, err
		}
		alts = append(alts, o)
	}
	return alts, nil
}

func parseField(v any, at string) (field, error) {
	switch x := v.(type) {
	case map[string]any:
		o, err := parseObject(x, at)
		return field{nested: o}, err
	case tristate.Unknown:
		return field{matchers: []matcher{unknown{}}}, nil
	case []any:
		if len(x) == 0 {
			return field{}, fmt.Errorf("event pattern%s: empty list of values", where(at))
		}
		var ms []matcher
		for _, e := range x {
			m, err := parseMatcher(e, at)
			if err != nil {
				return field{}, err
			}
			ms = append(ms, m)
		}
		return field{matchers: ms}, nil
	}
	return field{}, fmt.Errorf("event pattern%s: a value to match must be in a list, got %s", where(at), describe(v))
}

// Match evaluates the pattern against an event (decoded JSON in which
// tristate.Varying stands for a value that varies from one event to the
// next).
func (p *Pattern) Match(event map[string]any) tristate.Truth {
	return p.root.match(event, present)
}

// found says what a pattern field reached in the event.
type found int

const (
	absent  found = iota // not in the event
	present              // there (its value may be Varying)
	perhaps              // under a Varying value: it may or may not exist
)

func (o *object) match(v any, state found) tristate.Truth {
	m, isMap := v.(map[string]any)
	if _, varies := v.(tristate.Varying); varies {
		state = perhaps
	}
	result := tristate.Yes
	for _, k := range o.keys {
		childState, child := state, any(nil)
		switch {
		case state == perhaps:
		case isMap:
			var ok bool
			if child, ok = m[k]; !ok {
				childState = absent
			}
		default:
			childState = absent
		}
		result = tristate.And(result, o.fields[k].match(child, childState))
		if result == tristate.No {
			return result
		}
	}
	for _, alts := range o.ors {
		one := tristate.No
		for _, a := range alts {
			one = tristate.Or(one, a.match(v, state))
		}
		result = tristate.And(result, one)
	}
	return result
}

func (f field) match(v any, state found) tristate.Truth {
	if f.nested != nil {
		return f.nested.match(v, state)
	}
	result := tristate.No
	for _, m := range f.matchers {
		result = tristate.Or(result, matchLeaf(m, v, state))
	}
	return result
}

// matchLeaf applies one matcher to a leaf: to every element of an array
// (one must match), Maybe for a value that varies.
func matchLeaf(m matcher, v any, state found) tristate.Truth {
	if e, ok := m.(exists); ok {
		return e.test(v, state)
	}
	switch state {
	case absent:
		return tristate.No
	case perhaps:
		return tristate.Maybe
	}
	switch x := v.(type) {
	case tristate.Varying:
		return tristate.Maybe
	case []any:
		result := tristate.No
		for _, e := range x {
			result = tristate.Or(result, matchLeaf(m, e, present))
		}
		return result
	case map[string]any:
		return tristate.No
	}
	return m.match(v)
}

// matcher is one element of a leaf's list, applied to a scalar.
type matcher interface {
	match(v any) tristate.Truth
}

// exact is a value the event's must equal, type included.
type exact struct{ want any }

func (e exact) match(v any) tristate.Truth { return tristate.Of(v == e.want) }

// unknown is a pattern value not known before deployment.
type unknown struct{}

func (unknown) match(any) tristate.Truth { return tristate.Maybe }

// exists is {"exists": bool}: it also applies to absent fields.
type exists struct{ want bool }

func (e exists) match(any) tristate.Truth { return tristate.Yes }

func (e exists) test(v any, state found) tristate.Truth {
	switch state {
	case perhaps:
		return tristate.Maybe
	case absent:
		return tristate.Of(!e.want)
	}
	if _, isMap := v.(map[string]any); isMap {
		return tristate.No // exists applies to leaves only
	}
	return tristate.Of(e.want)
}

// stringTest is a prefix, suffix, equals-ignore-case or wildcard filter.
type stringTest struct {
	op         string
	text       string
	ignoreCase bool
}

func (s stringTest) match(v any) tristate.Truth {
	str, ok := v.(string)
	if !ok {
		return tristate.No
	}
	want := s.text
	if s.ignoreCase {
		str, want = strings.ToLower(str), strings.ToLower(want)
	}
	switch s.op {
	case "prefix":
		return tristate.Of(strings.HasPrefix(str, want))
	case "suffix":
		return tristate.Of(strings.HasSuffix(str, want))
	case "wildcard":
		return tristate.Of(matchWildcard(want, str))
	}
	return tristate.Of(str == want)
}

// anythingBut matches a value none of its matchers match.
type anythingBut struct{ not []matcher }

func (a anythingBut) match(v any) tristate.Truth {
	result := tristate.No
	for _, m := range a.not {
		result = tristate.Or(result, m.match(v))
	}
	return result.Not()
}

// numeric is {"numeric": [op, n, op, n]}.
type numeric struct {
	ops  []string
	nums []float64
}

func (n numeric) match(v any) tristate.Truth {
	x, ok := v.(float64)
	if !ok {
		return tristate.No
	}
	for i, op := range n.ops {
		var holds bool
		switch op {
		case "<":
			holds = x < n.nums[i]
		case "<=":
			holds = x <= n.nums[i]
		case ">":
			holds = x > n.nums[i]
		case ">=":
			holds = x >= n.nums[i]
		case "=":
			holds = x == n.nums[i]
		}
		if !holds {
			return tristate.No
		}
	}
	return tristate.Yes
}

// cidr is {"cidr": "10.0.0.0/8"}.
type cidr struct{ prefix netip.Prefix }

func (c cidr) match(v any) tristate.Truth {
	s, ok := v.(string)
	if !ok {
		return tristate.No
	}
	a, err := netip.ParseAddr(s)
	return tristate.Of(err == nil && c.prefix.Contains(a))
}

func parseMatcher(v any, at string) (matcher, error) {
	switch x := v.(type) {
	case string, float64, bool, nil:
		return exact{x}, nil
	case tristate.Unknown:
		return unknown{}, nil
	case map[string]any:
		if len(x) != 1 {
			return nil, fmt.Errorf("event pattern%s: a filter has exactly one operator, got %d", where(at), len(x))
		}
		for op, arg := range x {
			return parseFilter(op, arg, at)
		}
	}
	return nil, fmt.Errorf("event pattern%s: unexpected %s in a list of values", where(at), describe(v))
}

func parseFilter(op string, arg any, at string) (matcher, error) {
	if _, ok := arg.(tristate.Unknown); ok {
		return unknown{}, nil
	}
	switch op {
	case "prefix", "suffix":
		return parseStringTest(op, arg, at, true)
	case "equals-ignore-case":
		s, ok := arg.(string)
		if !ok {
			return nil, fmt.Errorf("event pattern%s: equals-ignore-case needs a string", where(at))
		}
		return stringTest{op: op, text: s, ignoreCase: true}, nil
	case "wildcard":
		s, ok := arg.(string)
		if !ok {
			return nil, fmt.Errorf("event pattern%s: wildcard needs a string", where(at))
		}
		return stringTest{op: op, text: s}, nil
	case "exists":
		b, ok := arg.(bool)
		if !ok {
			return nil, fmt.Errorf("event pattern%s: exists needs true or false", where(at))
		}
		return exists{b}, nil
	case "anything-but":
		return parseAnythingBut(arg, at)
	case "numeric":
		return parseNumeric(arg, at)
	case "cidr":
		s, _ := arg.(string)
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("event pattern%s: cidr needs a CIDR block: %w", where(at), err)
		}
		return cidr{p.Masked()}, nil
	}
	return nil, fmt.Errorf("event pattern%s: unknown filter %q", where(at), op)
}

// parseStringTest reads a prefix or suffix filter: a string, or
// {"equals-ignore-case": string} when ignoreCaseOK.
func parseStringTest(op string, arg any, at string, ignoreCaseOK bool) (matcher, error) {
	switch x := arg.(type) {
	case string:
		return stringTest{op: op, text: x}, nil
	case map[string]any:
		if s, ok := x["equals-ignore-case"].(string); ok && len(x) == 1 && ignoreCaseOK {
			return stringTest{op: op, text: s, ignoreCase: true}, nil
		}
	}
	return nil, fmt.Errorf("event pattern%s: %s needs a string", where(at), op)
}

func parseAnythingBut(arg any, at string) (matcher, error) {
	switch x := arg.(type) {
	case string, float64:
		return anythingBut{[]matcher{exact{x}}}, nil
	case []any:
		var not []matcher
		for _, e := range x {
			switch e.(type) {
			case string, float64:
				not = append(not, exact{e})
			case tristate.Unknown:
				not = append(not, unknown{})
			default:
				return nil, fmt.Errorf("event pattern%s: anything-but lists strings or numbers", where(at))
			}
		}
		return anythingBut{not}, nil
	case map[string]any:
		if len(x) == 1 {
			for op, inner := range x {
				if op == "prefix" || op == "suffix" || op == "equals-ignore-case" || op == "wildcard" {
					m, err := parseFilterList(op, inner, at)
					if err != nil {
						return nil, err
					}
					return anythingBut{m}, nil
				}
			}
		}
	}
	return nil, fmt.Errorf("event pattern%s: anything-but takes a value, a list or a prefix, suffix, equals-ignore-case or wildcard filter", where(at))
}

// parseFilterList reads a string filter's argument inside anything-but: a
// string or a list of strings.
func parseFilterList(op string, arg any, at string) ([]matcher, error) {
	list, isList := arg.([]any)
	if !isList {
		list = []any{arg}
	}
	var out []matcher
	for _, e := range list {
		m, err := parseFilter(op, e, at)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func parseNumeric(arg any, at string) (matcher, error) {
	list, ok := arg.([]any)
	if !ok || len(list) == 0 || len(list)%2 != 0 || len(list) > 4 {
		return nil, fmt.Errorf("event pattern%s: numeric needs one or two operator and number pairs", where(at))
	}
	var n numeric
	for i := 0; i < len(list); i += 2 {
		op, okOp := list[i].(string)
		num, okNum := list[i+1].(float64)
		switch {
		case !okOp || !okNum:
			return nil, fmt.Errorf("event pattern%s: numeric needs operator and number pairs", where(at))
		case op != "<" && op != "<=" && op != ">" && op != ">=" && op != "=":
			return nil, fmt.Errorf("event pattern%s: unknown numeric operator %q", where(at), op)
		}
		n.ops, n.nums = append(n.ops, op), append(n.nums, num)
	}
	return n, nil
}

// wildcard matches s against pattern, in which `*` stands for any run of
// characters and `\*` for a star.
func matchWildcard(pattern, s string) bool {
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch {
		case pattern[i] == '\\' && i+1 < len(pattern) && pattern[i+1] == '*':
			cur.WriteByte('*')
			i++
		case pattern[i] == '*':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(pattern[i])
		}
	}
	parts = append(parts, cur.String())
	return wildcard.MatchParts(parts, s)
}

func join(at, key string) string {
	if at == "" {
		return key
	}
	return at + "." + key
}

func where(at string) string {
	if at == "" {
		return ""
	}
	return " at " + at
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
