package terraform

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/terraform/nesting"
)

// skimmedCall is what the readers of a module's calls alone use of a call
// (findRoots, ModuleGraph), with the ranges a diagnostic would show.
type skimmedCall struct {
	name        string
	source      string
	declRange   hcl.Range
	sourceRange hcl.Range
	sourceAttr  *hclsyntax.Attribute
}

// callsIn is the module calls a module of the one file f has, as
// loadModuleFiles builds them.
func callsIn(f *hcl.File) []skimmedCall {
	m := newModuleConfig(".")
	m.addFile(f)
	for _, t := range m.blocks {
		m.addBlock(t)
	}
	var out []skimmedCall
	for _, c := range m.calls {
		sc := skimmedCall{name: c.name, source: c.source, declRange: c.declRange, sourceRange: c.sourceRange}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			if b.Type == "module" && b.DefRange() == c.declRange {
				sc.sourceAttr = b.Body.Attributes["source"]
			}
		}
		out = append(out, sc)
	}
	return out
}

// checkSkimAsParsed fails when src is skimmed and the nesting check
// refuses it, or it parses without an error and its module calls are not
// those the parse gives, source argument and ranges included. A file with a syntax error is left out: hcl's
// recovery from an error can take a later module block into the broken
// one's body, which no reader short of its parser foresees, and such a
// file fails the scan when its module is loaded (skim.go). It reports
// whether src was skimmed.
func checkSkimAsParsed(t testing.TB, src []byte) bool {
	t.Helper()
	body, ok := skimModuleBlocks(src, "main.tf")
	if !ok {
		return false
	}
	if diags := nesting.HCL(src, "main.tf", hcl.InitialPos, false); len(diags) > 0 {
		t.Fatalf("skimmed a file the nesting check refuses (%v):\n%s", diags, src)
	}
	parsed, diags := parseSource(newParser(), src, "main.tf")
	if diags.HasErrors() {
		return true
	}
	got := callsIn(&hcl.File{Body: body, Bytes: src})
	want := callsIn(parsed)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("skimmed calls differ from the parse's:\n got %+v\nwant %+v\nsource:\n%s", got, want, src)
	}
	return true
}

const skimModule = `module "vpc" {
  source = "../../"

  name = "x-${var.y}"
  azs  = ["a", "b"]
  tags = {
    Owner = "me" # a comment }
  }
}
`

// TestSkimAsParsed: the module calls of a file skimmed are those its
// parse gives; what could make them differ is declined.
func TestSkimAsParsed(t *testing.T) {
	for _, tc := range []struct {
		name    string
		src     string
		skimmed bool
	}{
		{"module", skimModule, true},
		{"two modules and other blocks", "locals {\n  a = { b = [1, (2)] }\n}\n" + skimModule + "resource \"aws_s3_bucket\" \"b\" {}\n" + strings.ReplaceAll(skimModule, `"vpc"`, `"other"`), true},
		{"identifier label", strings.Replace(skimModule, `"vpc"`, "vpc", 1), true},
		{"CRLF", strings.ReplaceAll(skimModule, "\n", "\r\n"), true},
		{"no final newline", strings.TrimSuffix(skimModule, "\n"), true},
		{"comments", "/* module \"no\" {\n  source = \"./no\"\n} */\n# module \"no\" {\n// x\n" + skimModule, true},
		{"heredoc", "x = <<EOT\nmodule \"no\" {\n  source = \"./no\"\n}\n  EOT\n" + skimModule, true},
		{"indented heredoc with an interpolation", "x = <<-EOT\n  ${var.a} $${b} %{ if true }c%{ endif }\n  EOT\n" + skimModule, true},
		{"heredoc marker with blanks after it", "x = <<EOT\nmodule \"no\" {\n  source = \"./no\"\n}\nEOT  \n" + skimModule, true},
		{"heredoc marker inside a line", "x = <<EOT\n  not EOT\nEOT\n" + skimModule, true},
		{"template with a nested template", "x = \"${join(\",\", [for s in var.l : \"${s}}\"])}\"\n" + skimModule, true},
		{"template across lines", "x = \"${jsonencode({\n  a = 1\n})}\"\n" + skimModule, true},
		{"strip markers", "x = \"%{~ if true ~}a%{~ endif ~}\"\n" + skimModule, true},
		{"multi-line argument", "module \"a\" {\n  source = \"./a\"\n  x = [\n    1,\n  ]\n  y = {\n    for k, v in var.m : k => v...\n  }\n}\n", true},
		{"duplicate module", skimModule + skimModule, true},
		{"no label", "module {\n  source = \"./a\"\n}\n", true},
		{"two labels", "module \"a\" \"b\" {\n  source = \"./a\"\n}\n", true},
		{"source after other arguments", "module \"a\" {\n  count = 1\n  source = \"./a\" # here\n}\n", true},
		{"block comment on the header line", "module /* c */ \"a\" /* d */ {\n  source = \"./a\"\n}\n", true},

		{"module on one line", "module \"a\" { source = \"./a\" }\n", false},
		{"nested block", "module \"a\" {\n  source = \"./a\"\n  b {\n  }\n}\n", false},
		{"no source", "module \"a\" {\n  x = 1\n}\n", false},
		{"source twice", "module \"a\" {\n  source = \"./a\"\n  source = \"./b\"\n}\n", false},
		{"source with an escape", "module \"a\" {\n  source = \"./\\u0061\"\n}\n", false},
		{"source with an interpolation", "module \"a\" {\n  source = \"./${var.a}\"\n}\n", false},
		{"source not a string", "module \"a\" {\n  source = var.a\n}\n", false},
		{"source and more", "module \"a\" {\n  source = \"./a\" + 1\n}\n", false},
		{"empty source", "module \"a\" {\n  source = \"\"\n}\n", false},
		{"text not ASCII on the line", "module \"ä\" {\n  source = \"./a\"\n}\n", false},
		{"unicode identifier", "x = föö\n" + skimModule, false},
		{"unclosed block", skimModule + "resource \"x\" {\n", false},
		{"unclosed heredoc", "x = <<EOT\n" + skimModule, false},
		{"heredoc marker at the end without a line feed", "x = <<EOT\n" + skimModule + "EOT", false},
		{"unclosed comment", "/*\n" + skimModule, false},
		{"unclosed string", "x = \"a\n" + skimModule, false},
		{"mismatched bracket", "x = [1)\n" + skimModule, false},
		{"stray brace", skimModule + "}\n", false},
		{"single quote", "x = 'a'\n" + skimModule, false},
		{"not a heredoc", "x = 1 << 2\n" + skimModule, false},
		{"argument ended by a brace", "module \"a\" {\n  source = \"./a\"\n  x = 1 }\n", false},
		{"lone carriage return", "x = 1\r" + skimModule, false},
		{"deep, within the nesting limit", "x = " + strings.Repeat("(", 250) + "1" + strings.Repeat(")", 250) + "\n" + skimModule, true},
		{"too deep", "x = " + strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300) + "\n" + skimModule, false},
		{"too deep in templates", "x = " + strings.Repeat("\"${", 130) + "1" + strings.Repeat("}\"", 130) + "\n" + skimModule, false},
		{"too many operators", "x = 1" + strings.Repeat(" + 1", 1100) + "\n" + skimModule, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkSkimAsParsed(t, []byte(tc.src)); got != tc.skimmed {
				t.Errorf("skimmed: %v, want %v", got, tc.skimmed)
			}
		})
	}
}

// TestSkimTestData: every configuration file of the repository's test
// data that may declare a module block, whole and cut after each of its
// lines, is either declined or skimmed to the calls its parse gives; most
// are skimmed.
func TestSkimTestData(t *testing.T) {
	withModules, skimmed := 0, 0
	forEachTestConfig(t, func(path string, src []byte) {
		if !mayDeclareModule(path, src) {
			return
		}
		withModules++
		if checkSkimAsParsed(t, src) {
			skimmed++
		} else {
			t.Logf("declined: %s", path)
		}
		for i := range len(src) {
			if src[i] == '\n' {
				checkSkimAsParsed(t, src[:i+1])
				checkSkimAsParsed(t, src[i+1:])
			}
		}
	})
	t.Logf("%d of %d files with a module block skimmed", skimmed, withModules)
	if withModules == 0 || skimmed*10 < withModules*8 {
		t.Errorf("%d of %d files with a module block skimmed, want 80 %% at least", skimmed, withModules)
	}
}

func FuzzSkimAsParsed(f *testing.F) {
	for _, s := range []string{
		skimModule,
		"x = <<EOT\nmodule \"no\" {\n  source = \"./no\"\n}\nEOT  \n" + skimModule,
		"x = \"${jsonencode({\n  a = 1\n})}\"\n" + skimModule,
		"/* module \"no\" {\n} */\n" + skimModule,
		"module \"a\" {\n  source = \"./a\"\n  x = [\n    1,\n  ]\n}\n",
		"a = 1\nb {\n  c = \"%{ if x }y%{ endif }\"\n}\n" + skimModule,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if bytes.Count(src, []byte("\n")) > 200 {
			return
		}
		checkSkimAsParsed(t, src)
	})
}

// BenchmarkReadModuleCalls reads the module calls of a file shaped like
// terraform-aws-modules' wrappers and examples (module blocks of a
// hundred arguments each, a resource, a heredoc) by skimming it and by
// parsing it, as finding a tree's roots did before.
func BenchmarkReadModuleCalls(b *testing.B) {
	var src strings.Builder
	src.WriteString("locals {\n  policy = <<EOT\n{\"Version\": \"2012-10-17\"}\nEOT\n}\n\n")
	for m := range 5 {
		fmt.Fprintf(&src, "module \"wrapper%d\" {\n  source = \"../../modules/m%d\"\n\n  for_each = var.items\n\n", m, m)
		for a := range 100 {
			fmt.Fprintf(&src, "  arg_%d = try(each.value.arg_%d, var.defaults.arg_%d, \"x-${each.key}\")\n", a, a, a)
		}
		src.WriteString("  tags = merge(var.tags, { Name = \"w\" })\n}\n\n")
	}
	src.WriteString("resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"b\"\n}\n")
	data := []byte(src.String())
	if !checkSkimAsParsed(b, data) {
		b.Fatal("the benchmark file is not skimmed")
	}
	b.Run("skim", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, ok := skimModuleBlocks(data, "main.tf"); !ok {
				b.Fatal("declined")
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, diags := parseSource(newParser(), data, "main.tf"); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	})
}
