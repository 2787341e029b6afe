package synclone

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// variablesFile is shaped like the variables.tf that
// terraform-aws-security-group's generated modules share (11 KB of
// variable blocks with types, defaults and descriptions).
func variablesFile() []byte {
	var b strings.Builder
	for i := 0; b.Len() < 11<<10; i++ {
		fmt.Fprintf(&b, "variable \"rules_%d\" {\n  description = \"List of rules %d to create by name\"\n  type        = list(object({ rule = string, cidr_blocks = optional(list(string), []) }))\n  default     = [{ rule = \"all-all\" }]\n}\n\n", i, i)
	}
	return []byte(b.String())
}

// BenchmarkParse and BenchmarkCopy compare what a file costs parsed and
// copied from its parse under another name (docs/performance.md,
// eleventh pass).
func BenchmarkParse(b *testing.B) {
	src := variablesFile()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, diags := hclsyntax.ParseConfig(src, "a/variables.tf", hcl.InitialPos); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkCopy(b *testing.B) {
	src := variablesFile()
	f, diags := hclsyntax.ParseConfig(src, "a/variables.tf", hcl.InitialPos)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, ok := Body(f.Body.(*hclsyntax.Body), "b/variables.tf", nil); !ok {
			b.Fatal("not copied")
		}
	}
}
