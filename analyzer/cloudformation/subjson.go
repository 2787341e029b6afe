package cloudformation

import (
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// subJSON returns the JSON document an Fn::Sub string with unknown parts
// renders (a policy written as !Sub '{"Resource": "arn:aws:s3:::${Bucket}/*"}'),
// with each unknown part an Unknown leaf, or nil when the text is not a JSON
// object. vals are the values of the ${} parts, in order.
func subJSON(tmpl *node, parts []subPart, vals []*graph.Value) *graph.Value {
	if !strings.HasPrefix(strings.TrimLeft(tmpl.str, " \t\r\n"), "{") {
		return nil
	}
	var b strings.Builder
	var holes []*graph.Value
	i := 0
	for _, part := range parts {
		if !part.ref {
			b.WriteString(part.text)
			continue
		}
		if i >= len(vals) {
			return nil
		}
		v := vals[i]
		i++
		if v.IsUnknown() {
			b.WriteString(graph.JSONHole(len(holes)))
			holes = append(holes, v)
			continue
		}
		s, ok := v.AsString()
		if !ok {
			return nil
		}
		b.WriteString(s)
	}
	text := b.String()
	tree, err := graph.ParseJSON(text, lineLocator(tmpl.loc, text))
	if err != nil {
		return nil
	}
	return graph.FillJSONHoles(tree, holes)
}

// lineLocator places an offset of text, the rendering of a string written
// at at: at its own line when the text's lines match the string's (a
// literal block, whose content starts on the line after its header), else
// at the string.
func lineLocator(at graph.Location, text string) func(int) graph.Location {
	newlines := strings.Count(text, "\n")
	span := at.EndLine - at.StartLine
	if newlines == 0 || (span != newlines && span != newlines+1) {
		return func(int) graph.Location { return at }
	}
	var starts []int
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i)
		}
	}
	return func(off int) graph.Location {
		line := at.StartLine + 1 + sort.SearchInts(starts, off)
		return graph.Location{File: at.File, StartLine: line, EndLine: line}
	}
}
