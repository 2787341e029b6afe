package terraform

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// checkPiecesAsWhole fails when src, parsed in the pieces that end after
// every closing brace line, gives anything but what parsing it whole
// gives: the same body, with every position, and no diagnostic. It
// reports whether the pieces were used.
func checkPiecesAsWhole(t *testing.T, src []byte) bool {
	t.Helper()
	f, ok := parsePieces(src, "main.tf", pieceEnds(src, 1))
	if !ok {
		return false
	}
	whole, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if len(diags) > 0 {
		t.Fatalf("parsed in pieces, but whole it gives %v:\n%s", diags, src)
	}
	if !reflect.DeepEqual(f.Body, whole.Body) {
		t.Fatalf("the pieces' body differs from the whole file's:\n%s", src)
	}
	return true
}

const pieceA = `resource "aws_s3_bucket" "a" {
  bucket = "a-${var.x}"
}
`

// TestPiecesParseAsWhole: a file cut after its top-level blocks parses
// as it does whole, with the same positions; a cut inside a heredoc, a
// comment or a template, a piece with an error, an argument set in two
// pieces or a piece nested too deeply makes the file parsed whole, with
// the diagnostics parsing it whole gives.
func TestPiecesParseAsWhole(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    string
		pieces bool
	}{
		{"blocks", pieceA + "\n# between\nlocals {\n  y = 1\n}\n" + pieceA, true},
		{"arguments and blocks", "a = {\n  b = 1\n}\n" + pieceA + "c = 2\n", true},
		{"CRLF", strings.ReplaceAll(pieceA+pieceA, "\n", "\r\n"), true},
		{"multibyte text", "x = \"é∑\"\nlocals {\n  z = \"日本\"\n}\n" + pieceA, true},
		{"no final newline", pieceA + "locals {\n  y = 1\n}", true},
		{"brace in a heredoc", "x = <<EOT\n{\n}\nEOT\n" + pieceA, false},
		{"brace in an indented heredoc", "x = <<-EOT\n  {\n}\n  EOT\n" + pieceA, false},
		{"brace in a block comment", "/*\n}\n*/\n" + pieceA, false},
		{"brace in a template", "x = \"${jsonencode({\n}\n)}\"\n" + pieceA, false},
		{"brace in a multi-line expression", "x = [\n  {\n}\n]\n" + pieceA, false},
		{"error in a later piece", pieceA + pieceA + "resource \"x\" {\n", false},
		{"argument set twice", "a = {\n}\n" + pieceA + "a = 1\n", false},
		{"too deep", pieceA + "x = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkPiecesAsWhole(t, []byte(tc.src)); got != tc.pieces {
				t.Errorf("parsed in pieces: %v, want %v", got, tc.pieces)
			}
		})
	}
}

// TestParseSourceInPieces: parseSource cuts a large file, and gives the
// file and diagnostics parsing it whole gives, when it parses and when a
// late piece has an error or nests too deeply.
func TestParseSourceInPieces(t *testing.T) {
	var large strings.Builder
	for i := 0; large.Len() < 3*minPiece; i++ {
		fmt.Fprintf(&large, "resource \"aws_s3_bucket\" \"b%d\" {\n  bucket = \"b-${var.x}-%d\"\n  tags = { n = %d }\n}\n", i, i, i)
	}
	for _, tc := range []struct{ name, tail string }{
		{"valid", ""},
		{"unclosed block", "resource \"x\" {\n"},
		{"too deep", "x = " + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(large.String() + tc.tail)
			if len(pieceEnds(src, minPiece)) < 3 {
				t.Fatal("the file is not cut")
			}
			got, gotDiags := parseSource(newParser(), src, "main.tf")
			want, wantDiags := wholeParse(src)
			if gotDiags.Error() != wantDiags.Error() {
				t.Errorf("diagnostics %v, want %v", gotDiags, wantDiags)
			}
			if (got == nil) != (want == nil) || got != nil && !reflect.DeepEqual(got.Body, want.Body) {
				t.Errorf("the file differs from the whole parse")
			}
		})
	}
}

// forEachTestConfig calls fn with every .tf file of the repository's
// test data.
func forEachTestConfig(t *testing.T, fn func(path string, src []byte)) {
	t.Helper()
	err := filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fn(path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// wholeParse is parseSource of a native syntax file without pieces.
func wholeParse(src []byte) (*hcl.File, hcl.Diagnostics) {
	if diags := nesting.HCL(src, "main.tf", hcl.InitialPos, false); diags.HasErrors() {
		return nil, diags
	}
	return hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
}

// TestPiecesOfLargeFiles: every configuration file of the repository's
// test data parses in pieces as it does whole, and the large ones are cut
// at minPiece.
func TestPiecesOfLargeFiles(t *testing.T) {
	cut := 0
	forEachTestConfig(t, func(_ string, src []byte) {
		if len(pieceEnds(src, minPiece)) > 1 {
			cut++
		}
		checkPiecesAsWhole(t, src)
	})
	if cut == 0 {
		t.Error("no test file is large enough to be cut at minPiece")
	}
}

func FuzzPiecesParseAsWhole(f *testing.F) {
	for _, s := range []string{
		pieceA + pieceA,
		"x = <<EOT\n{\n}\nEOT\n" + pieceA,
		"/*\n}\n*/\n" + pieceA,
		"a = {\n}\nb = \"${x}\"\nc = {\n}\n",
		"x = \"${jsonencode({\n}\n)}\"\n" + pieceA,
		"a {\n}\n%{ if true }\n}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkPiecesAsWhole(t, src)
	})
}
