// Package synclone copies a parsed native syntax HCL tree under another
// file name, and at other positions.
//
// Terraform repositories hold many byte-identical files in different
// module directories: terraform-aws-security-group's 58 generated modules
// share their main.tf, variables.tf and outputs.tf, half of the
// repository's source. hclsyntax writes the file name into every range of
// the tree it parses, so a tree cannot be shared between two files; a
// copy with the other name is what parsing the same bytes under that name
// gives, at a fraction of the cost (no lexing, no grapheme scanning, no
// token slice). Files that differ in a few lines share the rest line by
// line: an attribute written on a line of its own parses the same
// wherever the line is, but for where it starts, so a copy moved to the
// other position is its parse there.
package synclone

import (
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Body returns a copy of b, every range in it naming filename. unwrap, when
// set, is applied to every expression before it is copied: it undoes what
// a caller wrapped around the parsed nodes (a for expression's budget), so
// that the copy is the tree as the parser gave it. ok is false when the
// tree holds a node this package does not know, which it then cannot copy
// faithfully.
func Body(b *hclsyntax.Body, filename string, unwrap func(hclsyntax.Expression) hclsyntax.Expression) (_ *hclsyntax.Body, ok bool) {
	return Options{Filename: filename, Unwrap: unwrap}.Body(b)
}

// Options say how a copy differs from what it copies.
type Options struct {
	// Filename is the file every range of the copy names.
	Filename string
	// Move, when set, gives the position in the copy of a position in
	// the original: the copy of a tree parsed elsewhere in a file.
	Move func(hcl.Pos) hcl.Pos
	// Unwrap is applied to every expression before it is copied, as
	// Body says.
	Unwrap func(hclsyntax.Expression) hclsyntax.Expression
}

// Body returns a copy of b made as o says; ok is false as Body says.
func (o Options) Body(b *hclsyntax.Body) (_ *hclsyntax.Body, ok bool) {
	c := copier{Options: o, ok: true}
	out := c.body(b)
	return out, c.ok
}

// Attribute returns a copy of a made as o says; ok is false as Body says.
func (o Options) Attribute(a *hclsyntax.Attribute) (_ *hclsyntax.Attribute, ok bool) {
	c := copier{Options: o, ok: true}
	out := c.attribute(a)
	return out, c.ok
}

type copier struct {
	Options
	ok bool
	// symbols maps each splat's symbol to its copy: the symbol appears
	// both as the splat's Item and inside its Each expression.
	symbols map[*hclsyntax.AnonSymbolExpr]*hclsyntax.AnonSymbolExpr
}

func (c *copier) rng(r hcl.Range) hcl.Range {
	r.Filename = c.Filename
	if c.Move != nil {
		r.Start, r.End = c.Move(r.Start), c.Move(r.End)
	}
	return r
}

func (c *copier) body(b *hclsyntax.Body) *hclsyntax.Body {
	if b == nil {
		return nil
	}
	out := &hclsyntax.Body{SrcRange: c.rng(b.SrcRange), EndRange: c.rng(b.EndRange)}
	if b.Attributes != nil {
		out.Attributes = make(hclsyntax.Attributes, len(b.Attributes))
		for name, a := range b.Attributes {
			out.Attributes[name] = c.attribute(a)
		}
	}
	if b.Blocks != nil {
		out.Blocks = make(hclsyntax.Blocks, len(b.Blocks))
		for i, blk := range b.Blocks {
			out.Blocks[i] = c.block(blk)
		}
	}
	return out
}

func (c *copier) attribute(a *hclsyntax.Attribute) *hclsyntax.Attribute {
	if a == nil {
		return nil
	}
	return &hclsyntax.Attribute{
		Name: a.Name, Expr: c.expr(a.Expr),
		SrcRange: c.rng(a.SrcRange), NameRange: c.rng(a.NameRange), EqualsRange: c.rng(a.EqualsRange),
	}
}

func (c *copier) block(b *hclsyntax.Block) *hclsyntax.Block {
	if b == nil {
		return nil
	}
	out := &hclsyntax.Block{
		Type: b.Type, Labels: slices.Clone(b.Labels), Body: c.body(b.Body),
		TypeRange: c.rng(b.TypeRange), OpenBraceRange: c.rng(b.OpenBraceRange), CloseBraceRange: c.rng(b.CloseBraceRange),
	}
	if b.LabelRanges != nil {
		out.LabelRanges = make([]hcl.Range, len(b.LabelRanges))
		for i, r := range b.LabelRanges {
			out.LabelRanges[i] = c.rng(r)
		}
	}
	return out
}

func (c *copier) exprs(es []hclsyntax.Expression) []hclsyntax.Expression {
	if es == nil {
		return nil
	}
	out := make([]hclsyntax.Expression, len(es))
	for i, e := range es {
		out[i] = c.expr(e)
	}
	return out
}

func (c *copier) expr(e hclsyntax.Expression) hclsyntax.Expression {
	if e == nil {
		return nil
	}
	if c.Unwrap != nil {
		e = c.Unwrap(e)
	}
	switch e := e.(type) {
	case *hclsyntax.LiteralValueExpr:
		return &hclsyntax.LiteralValueExpr{Val: e.Val, SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.ScopeTraversalExpr:
		return &hclsyntax.ScopeTraversalExpr{Traversal: c.traversal(e.Traversal), SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.RelativeTraversalExpr:
		return &hclsyntax.RelativeTraversalExpr{Source: c.expr(e.Source), Traversal: c.traversal(e.Traversal), SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.FunctionCallExpr:
		return &hclsyntax.FunctionCallExpr{
			Name: e.Name, Args: c.exprs(e.Args), ExpandFinal: e.ExpandFinal,
			NameRange: c.rng(e.NameRange), OpenParenRange: c.rng(e.OpenParenRange), CloseParenRange: c.rng(e.CloseParenRange),
		}
	case *hclsyntax.ConditionalExpr:
		return &hclsyntax.ConditionalExpr{
			Condition: c.expr(e.Condition), TrueResult: c.expr(e.TrueResult), FalseResult: c.expr(e.FalseResult),
			SrcRange: c.rng(e.SrcRange),
		}
	case *hclsyntax.IndexExpr:
		return &hclsyntax.IndexExpr{
			Collection: c.expr(e.Collection), Key: c.expr(e.Key),
			SrcRange: c.rng(e.SrcRange), OpenRange: c.rng(e.OpenRange), BracketRange: c.rng(e.BracketRange),
		}
	case *hclsyntax.TupleConsExpr:
		return &hclsyntax.TupleConsExpr{Exprs: c.exprs(e.Exprs), SrcRange: c.rng(e.SrcRange), OpenRange: c.rng(e.OpenRange)}
	case *hclsyntax.ObjectConsExpr:
		out := &hclsyntax.ObjectConsExpr{SrcRange: c.rng(e.SrcRange), OpenRange: c.rng(e.OpenRange)}
		if e.Items != nil {
			out.Items = make([]hclsyntax.ObjectConsItem, len(e.Items))
			for i, it := range e.Items {
				out.Items[i] = hclsyntax.ObjectConsItem{KeyExpr: c.expr(it.KeyExpr), ValueExpr: c.expr(it.ValueExpr)}
			}
		}
		return out
	case *hclsyntax.ObjectConsKeyExpr:
		return &hclsyntax.ObjectConsKeyExpr{Wrapped: c.expr(e.Wrapped), ForceNonLiteral: e.ForceNonLiteral}
	case *hclsyntax.ForExpr:
		return &hclsyntax.ForExpr{
			KeyVar: e.KeyVar, ValVar: e.ValVar,
			CollExpr: c.expr(e.CollExpr), KeyExpr: c.expr(e.KeyExpr), ValExpr: c.expr(e.ValExpr), CondExpr: c.expr(e.CondExpr),
			Group:    e.Group,
			SrcRange: c.rng(e.SrcRange), OpenRange: c.rng(e.OpenRange), CloseRange: c.rng(e.CloseRange),
		}
	case *hclsyntax.SplatExpr:
		// The symbol first: Each refers to it.
		item := c.symbol(e.Item)
		return &hclsyntax.SplatExpr{
			Source: c.expr(e.Source), Each: c.expr(e.Each), Item: item,
			SrcRange: c.rng(e.SrcRange), MarkerRange: c.rng(e.MarkerRange),
		}
	case *hclsyntax.AnonSymbolExpr:
		return c.symbol(e)
	case *hclsyntax.BinaryOpExpr:
		return &hclsyntax.BinaryOpExpr{LHS: c.expr(e.LHS), Op: e.Op, RHS: c.expr(e.RHS), SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.UnaryOpExpr:
		return &hclsyntax.UnaryOpExpr{Op: e.Op, Val: c.expr(e.Val), SrcRange: c.rng(e.SrcRange), SymbolRange: c.rng(e.SymbolRange)}
	case *hclsyntax.TemplateExpr:
		return &hclsyntax.TemplateExpr{Parts: c.exprs(e.Parts), SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.TemplateJoinExpr:
		return &hclsyntax.TemplateJoinExpr{Tuple: c.expr(e.Tuple)}
	case *hclsyntax.TemplateWrapExpr:
		return &hclsyntax.TemplateWrapExpr{Wrapped: c.expr(e.Wrapped), SrcRange: c.rng(e.SrcRange)}
	case *hclsyntax.ParenthesesExpr:
		return &hclsyntax.ParenthesesExpr{Expression: c.expr(e.Expression), SrcRange: c.rng(e.SrcRange)}
	}
	// An expression type hcl added after this was written, a syntax error
	// placeholder, or a caller's wrapper unwrap did not undo.
	c.ok = false
	return e
}

func (c *copier) symbol(s *hclsyntax.AnonSymbolExpr) *hclsyntax.AnonSymbolExpr {
	if s == nil {
		return nil
	}
	if out, ok := c.symbols[s]; ok {
		return out
	}
	if c.symbols == nil {
		c.symbols = map[*hclsyntax.AnonSymbolExpr]*hclsyntax.AnonSymbolExpr{}
	}
	out := &hclsyntax.AnonSymbolExpr{SrcRange: c.rng(s.SrcRange)}
	c.symbols[s] = out
	return out
}

func (c *copier) traversal(t hcl.Traversal) hcl.Traversal {
	if t == nil {
		return nil
	}
	out := make(hcl.Traversal, len(t))
	for i, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			s.SrcRange = c.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseAttr:
			s.SrcRange = c.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseIndex:
			s.SrcRange = c.rng(s.SrcRange)
			out[i] = s
		case hcl.TraverseSplat:
			s.Each = c.traversal(s.Each)
			s.SrcRange = c.rng(s.SrcRange)
			out[i] = s
		default:
			c.ok = false
			out[i] = step
		}
	}
	return out
}
