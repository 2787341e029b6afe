package terraform

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// checkFilledAsWhole parses held under one name, then src under another
// with what the first parse left in the cache, and fails unless the file
// it gets is what parsing src whole gives, with the same diagnostics. It
// reports whether src was filled from held lines.
func checkFilledAsWhole(t *testing.T, held, src []byte) bool {
	t.Helper()
	p := newParser()
	p.sources = newSourceCache()
	parseSource(p, held, "a/main.tf")
	q := p.sibling()
	got, gotDiags := parseSource(q, src, "b/main.tf")
	want, wantDiags := parseSource(newParser(), src, "b/main.tf")
	if fmt.Sprint(gotDiags) != fmt.Sprint(wantDiags) {
		t.Fatalf("diagnostics %v, parsed whole %v:\n%s", gotDiags, wantDiags, src)
	}
	if (got == nil) != (want == nil) || got != nil && !reflect.DeepEqual(got.Body, want.Body) {
		t.Fatalf("the file differs from its parse:\n%s", src)
	}
	return q.sources.filled == 1
}

// wrapperLike is a module block of one argument a line, as the wrappers
// of terraform-aws-modules write it.
func wrapperLike(module string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "module \"wrapper\" {\n  source = \"../../modules/%s\"\n\n  for_each = var.items\n\n", module)
	for i := range 30 {
		fmt.Fprintf(&b, "  arg_%d = try(each.value.arg_%d, var.defaults.arg_%d, [\"%d\"])\n", i, i, i, i)
	}
	for _, e := range extra {
		b.WriteString(e)
	}
	b.WriteString("}\n")
	return b.String()
}

// TestFilledFilesParseAsWhole: a file most of whose lines an earlier
// file held arguments on is filled from them and is what parsing it
// gives, with every position; a held line that is not a body item where
// it stands (in a heredoc, a comment, a multi-line expression, an
// object), an argument set twice, a skeleton with an error, a file nested
// too deeply or too few held lines make it parsed whole.
func TestFilledFilesParseAsWhole(t *testing.T) {
	wrapper := wrapperLike("http-80")
	forLines := "locals {\n  a = [for x in var.l : x if x != null]\n  b = { for k, v in var.m : k => v... }\n  c = var.l[*].id\n}\n"
	lines := strings.SplitAfter(wrapper, "\n")
	for _, tc := range []struct {
		name      string
		held, src string
		filled    bool
	}{
		{"another wrapper", wrapper, wrapperLike("ssh"), true},
		{"lines moved down", wrapper, "# a comment\n\n" + wrapperLike("ssh"), true},
		{"multibyte text before", wrapper, "# é日本\n" + wrapperLike("ssh"), true},
		{"lines in another block", wrapper, "locals {\n" + strings.Join(lines[5:35], "") + "}\n", true},
		{"lines at the top", wrapper, strings.Join(lines[5:35], ""), true},
		{"lines in a nested block", wrapper, "resource \"a\" \"b\" {\n  dynamic \"d\" {\n    content {\n" + strings.Join(lines[5:35], "") + "    }\n  }\n}\n", true},
		{"a block named x", wrapper, wrapperLike("ssh", "x {}\n", "  x {\n  }\n"), true},
		{"no final line break", wrapper, strings.TrimSuffix(wrapperLike("ssh"), "\n"), true},
		{"CRLF", strings.ReplaceAll(wrapper, "\n", "\r\n"), strings.ReplaceAll(wrapperLike("ssh"), "\n", "\r\n"), true},
		{"CRLF lines in an LF file", strings.ReplaceAll(wrapper, "\n", "\r\n"), wrapperLike("ssh"), false},
		{"for expressions", forLines, "# moved\n" + forLines, true},
		{"in a heredoc", wrapper, "x = <<EOT\n" + strings.Join(lines[5:35], "") + "EOT\n", false},
		{"in an indented heredoc", wrapper, "locals {\n  x = <<-EOT\n" + strings.Join(lines[5:35], "") + "  EOT\n}\n", false},
		{"in a comment", wrapper, "/*\n" + strings.Join(lines[5:35], "") + "*/\n", false},
		{"in an object", wrapper, "x = {\n" + strings.Join(lines[5:35], "") + "}\n", false},
		{"in a tuple", wrapper, "x = [\n" + strings.Join(lines[5:35], "") + "]\n", false},
		{"in a function call", wrapper, "x = concat(\n" + strings.Join(lines[5:35], "") + ")\n", false},
		{"in a template", wrapper, "x = \"${\n" + strings.Join(lines[5:35], "") + "}\"\n", false},
		{"argument set twice", wrapper, wrapperLike("ssh", lines[5]), false},
		{"argument set outside the lines", wrapper, wrapperLike("ssh", "  arg_3 = 1\n"), false},
		{"error in the skeleton", wrapper, wrapperLike("ssh") + "resource \"x\" {\n", false},
		{"too deep", wrapper, wrapperLike("ssh", "  deep = "+strings.Repeat("[", 300)+strings.Repeat("]", 300)+"\n"), false},
		{"too few held lines", wrapper, wrapperLike("ssh") + strings.Repeat("# padding that no file held before this one, and more\n", 80), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkFilledAsWhole(t, []byte(tc.held), []byte(tc.src)); got != tc.filled {
				t.Errorf("filled: %v, want %v", got, tc.filled)
			}
		})
	}
}

// TestTestDataFilledAsWhole: every configuration file of the repository's
// test data, moved down two lines under another name, is filled from the
// arguments its parse held where it can be, and is what parsing it gives.
func TestTestDataFilledAsWhole(t *testing.T) {
	filled := 0
	forEachTestConfig(t, func(path string, src []byte) {
		if checkFilledAsWhole(t, src, append([]byte("# moved\n\n"), src...)) {
			filled++
		}
	})
	if filled < 100 {
		t.Errorf("only %d test files filled", filled)
	}
}

// TestHeldLinesAreBounded: a cache holds no line past maxHeldLines, and
// a file whose lines it does not hold is parsed.
func TestHeldLinesAreBounded(t *testing.T) {
	p := newParser()
	p.sources = newSourceCache()
	p.sources.lineBytes = maxHeldLines - 10
	wrapper := []byte(wrapperLike("http-80"))
	parseSource(p, wrapper, "a/main.tf")
	if len(p.sources.lines) != 0 {
		t.Errorf("%d lines held past the bound", len(p.sources.lines))
	}
	if _, ok := p.sources.fill([]byte(wrapperLike("ssh")), "b/main.tf"); ok {
		t.Error("a file was filled from lines past the bound")
	}
	var nilCache *sourceCache
	if _, ok := nilCache.fill(wrapper, "b/main.tf"); ok {
		t.Error("a nil cache filled a file")
	}
}

func FuzzFilledFilesParseAsWhole(f *testing.F) {
	wrapper := wrapperLike("http-80")
	f.Add([]byte(wrapper), []byte(wrapperLike("ssh")))
	f.Add([]byte(wrapper), []byte("x = <<EOT\n"+wrapper+"EOT\n"))
	f.Add([]byte(wrapper), []byte("x = {\n"+wrapper+"}\n"))
	f.Add([]byte("a = 1\nb = \"${x}\"\n"), []byte("b = \"${x}\"\na = 1\n"))
	f.Add([]byte("locals {\n  a = [for x in l : x]\n}\n"), []byte("  a = [for x in l : x]\n"))
	f.Fuzz(func(t *testing.T, held, src []byte) {
		if bytes.Count(src, []byte{'\n'}) > 2000 {
			return
		}
		checkFilledAsWhole(t, held, src)
	})
}

// BenchmarkFill compares a wrapper parsed with one filled from another
// wrapper's lines (docs/performance.md, twelfth pass).
func BenchmarkFill(b *testing.B) {
	held, src := []byte(wrapperLike("http-80")), []byte(wrapperLike("ssh"))
	b.Run("parse", func(b *testing.B) {
		for b.Loop() {
			if _, diags := hclsyntax.ParseConfig(src, "b/main.tf", hcl.InitialPos); diags.HasErrors() {
				b.Fatal(diags)
			}
		}
	})
	b.Run("fill", func(b *testing.B) {
		c := newSourceCache()
		f, _ := hclsyntax.ParseConfig(held, "a/main.tf", hcl.InitialPos)
		c.add(held, f)
		for b.Loop() {
			if _, ok := c.fill(src, "b/main.tf"); !ok {
				b.Fatal("not filled")
			}
		}
	})
}
