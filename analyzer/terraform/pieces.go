package terraform

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// A large native syntax file is parsed in pieces of whole top-level
// blocks. hclsyntax lexes a file into one slice of tokens that it grows
// as it goes, so lexing a large file costs about five times its final
// token slice in copying and zeroing, and the nesting check lexes a file
// with many brackets once more: parsing terraform-aws-vpc's 61 KB main.tf
// in pieces takes half the time of parsing it whole, and the pieces pass
// the nesting check's byte count without being lexed for it.
//
// A piece ends after a line holding only a closing brace, where a
// formatted file closes a top-level block. The file is parsed whole
// instead unless every piece passes the nesting check and parses without
// a diagnostic, and no two pieces set the same top-level argument. A
// piece that parses without a diagnostic closes everything it opens (a
// block, a heredoc, a template, a comment), so where it ends the lexer
// and the parser are where they start a file: the pieces' blocks and
// arguments are those of the whole file, at the same positions
// (TestPiecesParseAsWhole, FuzzPiecesParseAsWhole). A brace line inside a
// heredoc or a comment gives a piece that does not parse, and the file is
// parsed whole.

// minPiece is the fewest bytes a piece holds, but the last: smaller
// pieces gained nothing more on terraform-aws-vpc's main.tf.
const minPiece = 4 << 10

// parseInPieces parses the native syntax src from path in pieces; ok is
// false when it must be parsed whole (a small file, one whose pieces are
// not all valid). The file has no Nav: nothing here asks hcl for what
// is at a position.
func parseInPieces(src []byte, path string) (f *hcl.File, ok bool) {
	return parsePieces(src, path, pieceEnds(src, minPiece))
}

// parsePieces parses src in the pieces that end at ends.
func parsePieces(src []byte, path string, ends []int) (f *hcl.File, ok bool) {
	if len(ends) < 2 {
		return nil, false
	}
	body := &hclsyntax.Body{Attributes: hclsyntax.Attributes{}, Blocks: hclsyntax.Blocks{}}
	start := hcl.Pos{Line: 1, Column: 1, Byte: 0}
	for i, end := range ends {
		piece := src[start.Byte:end]
		if diags := nesting.HCL(piece, path, start, false); len(diags) > 0 {
			return nil, false
		}
		pf, diags := hclsyntax.ParseConfig(piece, path, start)
		if len(diags) > 0 {
			return nil, false
		}
		pb := pf.Body.(*hclsyntax.Body)
		for name, a := range pb.Attributes {
			if body.Attributes[name] != nil {
				return nil, false // whole, the parser reports it
			}
			body.Attributes[name] = a
		}
		body.Blocks = append(body.Blocks, pb.Blocks...)
		if i == 0 {
			body.SrcRange = pb.SrcRange
		}
		body.SrcRange.End = pb.SrcRange.End
		body.EndRange = pb.EndRange
		start = hcl.Pos{Line: start.Line + bytes.Count(piece, []byte{'\n'}), Column: 1, Byte: end}
	}
	return &hcl.File{Body: body, Bytes: src}, true
}

// pieceEnds returns the offsets where the pieces of src end, the last at
// len(src): after a line holding only "}" once a piece holds least
// bytes.
func pieceEnds(src []byte, least int) []int {
	var ends []int
	start := 0
	for i := 0; i < len(src); {
		n := bytes.IndexByte(src[i:], '\n')
		if n < 0 {
			break
		}
		line, next := src[i:i+n], i+n+1
		if next-start >= least && next < len(src) && (string(line) == "}" || string(line) == "}\r") {
			ends = append(ends, next)
			start = next
		}
		i = next
	}
	return append(ends, len(src))
}
