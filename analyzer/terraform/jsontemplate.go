package terraform

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// evalTemplate evaluates a template with interpolations. When the result
// is Unknown and the template's text is a JSON document (a heredoc policy
// with "Resource": "${aws_s3_bucket.b.arn}"), the document's value tree is
// kept on the string, as for jsonencode, with the unknown interpolations as
// Unknown leaves at their lines.
func (s *scope) evalTemplate(e *hclsyntax.TemplateExpr, l graph.Location) (cty.Value, *graph.Value) {
	v, sh := s.generic(e, l)
	if sh.Kind != graph.KindUnknown || !startsJSONObject(e) {
		return v, sh
	}
	tree := s.templateTree(e)
	if tree == nil {
		return v, sh
	}
	if sh.Sensitive {
		markSensitive(tree)
	}
	c := *sh
	c.Decoded = tree
	return v, &c
}

// startsJSONObject reports whether a template's text begins with "{".
func startsJSONObject(e *hclsyntax.TemplateExpr) bool {
	if len(e.Parts) == 0 {
		return false
	}
	lit, ok := e.Parts[0].(*hclsyntax.LiteralValueExpr)
	return ok && lit.Val.Type() == cty.String && strings.HasPrefix(strings.TrimLeft(lit.Val.AsString(), " \t\r\n"), "{")
}

// segment is a run of the rendered text from one template part.
type segment struct {
	off  int
	line int
	// literal text keeps its newlines; an interpolated value sits at its
	// expression's line whatever it holds.
	literal bool
}

// templateTree renders e with a hole (graph.JSONHole) for each unknown
// interpolation and parses the text as JSON; nil when it is not JSON
// (a hole outside a string, say).
func (s *scope) templateTree(e *hclsyntax.TemplateExpr) *graph.Value {
	var b strings.Builder
	var segs []segment
	var unknowns []*graph.Value
	file := e.SrcRange.Filename
	for _, p := range e.Parts {
		start := p.Range().Start.Line
		if lit, ok := p.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
			segs = append(segs, segment{off: b.Len(), line: start, literal: true})
			b.WriteString(lit.Val.AsString())
			continue
		}
		v, sh := s.eval(p)
		v, _ = v.UnmarkDeep()
		segs = append(segs, segment{off: b.Len(), line: start})
		switch {
		case !v.IsKnown():
			b.WriteString(graph.JSONHole(len(unknowns)))
			unknowns = append(unknowns, sh)
		case v.IsNull():
			return nil
		default:
			str, err := convert.Convert(v, cty.String)
			if err != nil || !str.IsKnown() {
				return nil
			}
			b.WriteString(str.AsString())
		}
	}
	text := b.String()
	locate := func(off int) graph.Location {
		i := sort.Search(len(segs), func(i int) bool { return segs[i].off > off }) - 1
		if i < 0 {
			i = 0
		}
		line := segs[i].line
		if segs[i].literal {
			line += strings.Count(text[segs[i].off:off], "\n")
		}
		return graph.Location{File: file, StartLine: line, EndLine: line}
	}
	tree, err := graph.ParseJSON(text, locate)
	if err != nil {
		return nil
	}
	return graph.FillJSONHoles(tree, unknowns)
}
