package cloudformation

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	yaml "go.yaml.in/yaml/v3"
)

// yamlReader turns a yaml.Node tree into nodes, with exact start and end
// positions, short-form tags rewritten to long form, aliases expanded (and
// counted) and duplicate keys reported.
type yamlReader struct {
	file    string
	ix      *lineIndex
	diags   *graph.Diagnostics
	aliased int // nodes produced by alias expansion so far
	anchors map[*yaml.Node]*node
	failed  bool
}

// parseYAML parses src as a YAML template. It returns nil with an error
// diagnostic when the text is not YAML or a limit is exceeded.
func parseYAML(file string, src []byte, diags *graph.Diagnostics) *node {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	err := dec.Decode(&doc)
	if err == nil && (doc.Kind == 0 || len(doc.Content) == 0) {
		err = io.EOF
	}
	switch {
	case errors.Is(err, io.EOF):
		diags.Errorf(graph.Location{File: file, StartLine: 1, EndLine: 1}, "template is empty")
		return nil
	case err != nil:
		diags.Errorf(yamlErrorLoc(file, src, err), "invalid YAML: %s", yamlErrorMessage(err))
		return nil
	}
	// CloudFormation, like cfn-lint, reads a template as one document: a
	// file with a second one, even an empty one after a trailing "---", is
	// rejected, so analysing only the first would pass what is never deployed.
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		diags.Errorf(yamlErrorLoc(file, src, err), "invalid YAML: %s", yamlErrorMessage(err))
		return nil
	default:
		line := max(next.Line, 1)
		diags.Errorf(graph.Location{File: file, StartLine: line, EndLine: line},
			"the file holds more than one YAML document (the second starts here); a template is a single document")
		return nil
	}
	r := &yamlReader{file: file, ix: newLineIndex(src), diags: diags}
	n := r.convert(doc.Content[0], 0)
	if r.failed {
		return nil
	}
	return n
}

func (r *yamlReader) at(line, col int) graph.Location {
	return graph.Location{File: r.file, StartLine: line, StartCol: col, EndLine: line, EndCol: col}
}

func (r *yamlReader) fail(loc graph.Location, format string, args ...any) *node {
	if !r.failed {
		r.diags.Errorf(loc, format, args...)
	}
	r.failed = true
	return &node{kind: nNull, loc: loc}
}

func (r *yamlReader) convert(y *yaml.Node, depth int) *node {
	if r.failed {
		return &node{}
	}
	if depth > MaxDepth {
		return r.fail(r.at(y.Line, y.Column), "template nests deeper than %d levels", MaxDepth)
	}
	if y.Kind == yaml.AliasNode {
		return r.alias(y, depth)
	}
	n := r.plain(y, depth)
	if fn, ok := shortForm(y.Tag); ok {
		// !Sub "x" is {"Fn::Sub": "x"}: the call and its argument share a place.
		return &node{kind: nMap, keys: []mapKey{{name: fn, loc: r.at(y.Line, y.Column)}}, vals: []*node{n}, loc: n.loc}
	}
	return n
}

// shortForm maps a YAML short-form tag to the intrinsic function name.
func shortForm(tag string) (string, bool) {
	if !strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "!!") || tag == "!" {
		return "", false
	}
	switch name := tag[1:]; name {
	case "Ref", "Condition":
		return name, true
	default:
		return "Fn::" + name, true
	}
}

// plain converts a node ignoring a short-form tag on it.
func (r *yamlReader) plain(y *yaml.Node, depth int) *node {
	switch y.Kind {
	case yaml.ScalarNode:
		return r.scalar(y)
	case yaml.SequenceNode:
		n := &node{kind: nList, list: make([]*node, 0, len(y.Content))}
		for _, c := range y.Content {
			n.list = append(n.list, r.convert(c, depth+1))
		}
		n.loc = r.collectionLoc(y, n.list, nil, ']')
		return n
	case yaml.MappingNode:
		return r.mapping(y, depth)
	case yaml.DocumentNode:
		if len(y.Content) > 0 {
			return r.convert(y.Content[0], depth)
		}
	}
	return &node{kind: nNull, loc: r.at(y.Line, y.Column)}
}

func (r *yamlReader) mapping(y *yaml.Node, depth int) *node {
	n := &node{kind: nMap, keys: make([]mapKey, 0, len(y.Content)/2), vals: make([]*node, 0, len(y.Content)/2)}
	seen := keySet{keys: &n.keys}
	var merges []*node
	for i := 0; i+1 < len(y.Content); i += 2 {
		ky, vy := y.Content[i], y.Content[i+1]
		if ky.Kind != yaml.ScalarNode {
			return r.fail(r.at(ky.Line, ky.Column), "mapping key must be a scalar")
		}
		kloc := r.scalarLoc(ky)
		val := r.convert(vy, depth+1)
		if ky.Tag == "!!merge" || (ky.Value == "<<" && ky.Style == 0) {
			merges = append(merges, val)
			continue
		}
		if i, dup := seen.find(ky.Value); dup {
			// CloudFormation keeps the last value of a duplicated key, so
			// that is the one analysed; the duplicate stays an error.
			r.diags.Errorf(kloc, "duplicate mapping key %q (first defined at line %d)", ky.Value, n.keys[i].loc.StartLine)
			n.keys[i].loc, n.vals[i] = kloc, val
			continue
		}
		seen.add(ky.Value)
		n.keys = append(n.keys, mapKey{name: ky.Value, loc: kloc})
		n.vals = append(n.vals, val)
	}
	// YAML merge keys: explicit keys win over merged ones, earlier merged
	// maps over later ones.
	for _, m := range merges {
		sources := []*node{m}
		if m.kind == nList {
			sources = m.list
		}
		for _, s := range sources {
			if s.kind != nMap {
				return r.fail(s.loc, "merge key << needs a map or a list of maps, got %s", s.kindName())
			}
			for i, k := range s.keys {
				if _, ok := seen.find(k.name); ok {
					continue
				}
				seen.add(k.name)
				n.keys = append(n.keys, k)
				n.vals = append(n.vals, s.vals[i])
			}
		}
	}
	n.loc = r.collectionLoc(y, n.vals, n.keys, '}')
	return n
}

// alias expands *name into a copy of the anchored value located at the alias,
// remembering the anchor in its trace.
func (r *yamlReader) alias(y *yaml.Node, depth int) *node {
	loc := r.scalarLoc(y)
	if y.Alias == nil {
		return r.fail(loc, "unknown YAML alias %q", y.Value)
	}
	target, ok := r.anchors[y.Alias]
	if !ok {
		target = r.convert(y.Alias, depth)
		if r.anchors == nil {
			r.anchors = map[*yaml.Node]*node{}
		}
		r.anchors[y.Alias] = target
	}
	// Count the whole copy before making it, so an exponential document
	// fails before it allocates.
	r.aliased += target.size()
	if r.aliased > MaxAliasNodes {
		return r.fail(loc, "YAML aliases expand to more than %d values", MaxAliasNodes)
	}
	hop := graph.Hop{Location: target.loc, Note: "YAML anchor &" + y.Alias.Anchor}
	return r.relocate(target, loc, hop, depth)
}

func (r *yamlReader) relocate(n *node, loc graph.Location, hop graph.Hop, depth int) *node {
	if depth > MaxDepth {
		return r.fail(loc, "template nests deeper than %d levels", MaxDepth)
	}
	c := *n
	c.loc = loc
	c.via = append(append(graph.Trace(nil), n.via...), hop)
	if n.list != nil {
		c.list = make([]*node, len(n.list))
		for i, e := range n.list {
			c.list[i] = r.relocate(e, loc, graph.Hop{Location: e.loc, Note: hop.Note}, depth+1)
		}
	}
	if n.vals != nil {
		c.vals = make([]*node, len(n.vals))
		for i, e := range n.vals {
			c.vals[i] = r.relocate(e, loc, graph.Hop{Location: e.loc, Note: hop.Note}, depth+1)
		}
	}
	return &c
}

func (r *yamlReader) scalar(y *yaml.Node) *node {
	n := &node{loc: r.scalarLoc(y)}
	tag := y.ShortTag()
	if _, ok := shortForm(y.Tag); ok {
		tag = "!!str" // the argument of !Ref, !Sub, ... is text
	}
	switch tag {
	case "!!null":
		n.kind = nNull
	case "!!bool":
		b, err := strconv.ParseBool(strings.ToLower(y.Value))
		if err != nil {
			n.kind, n.str = nString, y.Value
		} else {
			n.kind, n.b = nBool, b
		}
	case "!!int", "!!float":
		if f, ok := parseYAMLNumber(y.Value); ok {
			n.kind, n.num = nNumber, f
		} else {
			n.kind, n.str = nString, y.Value
		}
	default:
		// !!str, !!timestamp (an unquoted 2012-10-17 policy Version), !!binary.
		n.kind, n.str = nString, y.Value
	}
	return n
}

// parseYAMLNumber reads a YAML number the way CloudFormation keeps it
// usable: text that a number would mangle (leading zeros as in an account ID,
// hex, octal, more digits than a float64 holds, .inf) stays a string.
func parseYAMLNumber(s string) (float64, bool) {
	t := strings.TrimLeft(s, "+-")
	if len(t) > 1 && t[0] == '0' && t[1] != '.' && t[1] != 'e' && t[1] != 'E' {
		return 0, false
	}
	digits := 0
	for _, c := range t {
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil {
		return 0, false
	}
	return f, true
}

// scalarLoc finds where a scalar's text ends; yaml.v3 only records where it
// starts.
func (r *yamlReader) scalarLoc(y *yaml.Node) graph.Location {
	start := r.ix.offset(y.Line, y.Column)
	end := start
	src := r.ix.src
	switch {
	case y.Kind == yaml.AliasNode:
		end = skipToken(src, start)
	case y.Style&yaml.DoubleQuotedStyle != 0:
		end = quotedEnd(src, start, '"')
	case y.Style&yaml.SingleQuotedStyle != 0:
		end = quotedEnd(src, start, '\'')
	case y.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return r.blockScalarLoc(y)
	default:
		end = plainEnd(src, start, y.Value)
	}
	return r.ix.loc(r.file, start, end)
}

// skipToken returns the offset after the non-space run starting at off.
func skipToken(src []byte, off int) int {
	for off < len(src) && !isSpace(src[off]) && src[off] != ',' && src[off] != ']' && src[off] != '}' {
		off++
	}
	return off
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// quotedEnd returns the offset after the closing quote of a quoted scalar
// whose text (possibly preceded by a tag) starts at off.
func quotedEnd(src []byte, off int, q byte) int {
	i := bytes.IndexByte(src[off:], q)
	if i < 0 {
		return off
	}
	for j := off + i + 1; j < len(src); j++ {
		switch {
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q:
			if q == '\'' && j+1 < len(src) && src[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(src)
}

// plainEnd finds the end of a plain (possibly multi-line, folded) scalar by
// matching its words in order: folding only changes the white space between
// them. Only white space may separate the words, which keeps this linear.
func plainEnd(src []byte, off int, value string) int {
	end := off
	// A tag (!Ref) may precede the text.
	if end < len(src) && src[end] == '!' {
		end = skipToken(src, end)
	}
	matched := false
	for w := range strings.FieldsSeq(value) {
		i := end
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if !bytes.HasPrefix(src[i:], []byte(w)) {
			break
		}
		end, matched = i+len(w), true
	}
	if !matched {
		end = skipToken(src, off)
	}
	return end
}

// blockScalarLoc spans a literal (|) or folded (>) scalar from its header to
// its last non-blank content line.
func (r *yamlReader) blockScalarLoc(y *yaml.Node) graph.Location {
	ix := r.ix
	startOff := ix.offset(y.Line, y.Column)
	endLine, endCol := y.Line, len([]rune(string(ix.line(y.Line))))+1
	indent := -1
	for l := y.Line + 1; l <= ix.lines(); l++ {
		text := ix.line(l)
		trimmed := bytes.TrimLeft(text, " ")
		if len(bytes.TrimSpace(trimmed)) == 0 {
			continue
		}
		ind := len(text) - len(trimmed)
		if indent < 0 {
			indent = ind
		}
		if ind < indent || ind == 0 {
			break
		}
		endLine, endCol = l, len([]rune(string(text)))+1
	}
	sl, sc := ix.pos(startOff)
	return graph.Location{File: r.file, StartLine: sl, StartCol: sc, EndLine: endLine, EndCol: endCol}
}

// collectionLoc spans a list or map from its first character to the end of
// its last value; a flow collection ({...}, [...]) includes its closing bracket.
func (r *yamlReader) collectionLoc(y *yaml.Node, vals []*node, keys []mapKey, close byte) graph.Location {
	start := graph.Location{File: r.file, StartLine: y.Line, StartCol: y.Column}
	if len(keys) > 0 && keys[0].loc.StartLine > 0 && (keys[0].loc.StartLine < y.Line || keys[0].loc.StartLine == y.Line && keys[0].loc.StartCol < y.Column) {
		start.StartLine, start.StartCol = keys[0].loc.StartLine, keys[0].loc.StartCol
	}
	// The end is the furthest end of any key or value: merged values sit at
	// their anchor, which always comes earlier in the file.
	endOff := r.ix.offset(y.Line, y.Column)
	for _, v := range vals {
		if o := r.ix.offset(v.loc.EndLine, v.loc.EndCol); v.loc.EndLine > 0 && o > endOff {
			endOff = o
		}
	}
	for _, k := range keys {
		if o := r.ix.offset(k.loc.EndLine, k.loc.EndCol); k.loc.EndLine > 0 && o > endOff {
			endOff = o
		}
	}
	if y.Style&yaml.FlowStyle != 0 {
		if len(vals) == 0 {
			endOff++ // past the opening bracket
		}
		endOff = flowClose(r.ix.src, endOff, close)
	}
	l := r.ix.loc(r.file, endOff, endOff)
	return graph.Location{File: r.file, StartLine: start.StartLine, StartCol: start.StartCol, EndLine: l.StartLine, EndCol: l.StartCol}
}

// flowClose returns the offset after the closing bracket that follows off,
// skipping white space, commas and comments.
func flowClose(src []byte, off int, close byte) int {
	for i := off; i < len(src); i++ {
		switch c := src[i]; {
		case c == close:
			return i + 1
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case isSpace(c) || c == ',':
		default:
			if c == '[' || c == '{' || c == ']' || c == '}' {
				return off
			}
		}
	}
	return off
}

// keySet finds duplicate keys of a mapping being built. Most mappings are
// small, so it scans the keys added so far and only builds a map for large
// ones, which saves an allocation per mapping.
type keySet struct {
	keys *[]mapKey
	big  map[string]int
}

const keySetScan = 16

// find returns the index of name among the keys.
func (s *keySet) find(name string) (int, bool) {
	if s.big != nil {
		i, ok := s.big[name]
		return i, ok
	}
	for i, k := range *s.keys {
		if k.name == name {
			return i, true
		}
	}
	return 0, false
}

// add is called just before name is appended to the keys.
func (s *keySet) add(name string) {
	switch {
	case s.big != nil:
		s.big[name] = len(*s.keys)
	case len(*s.keys) >= keySetScan:
		s.big = make(map[string]int, 2*keySetScan)
		for i, k := range *s.keys {
			s.big[k.name] = i
		}
		s.big[name] = len(*s.keys)
	}
}
