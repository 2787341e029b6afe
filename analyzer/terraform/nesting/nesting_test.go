package nesting

import (
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func TestHCL(t *testing.T) {
	deepBlocks := strings.Repeat("a {\n", 300) + strings.Repeat("}\n", 300)
	tests := []struct {
		name     string
		src      string
		template bool
		wantLine int // 0: no error
	}{
		{"parentheses", "x = " + strings.Repeat("(", 80_000) + "1" + strings.Repeat(")", 80_000) + "\n", false, 1},
		{"blocks", deepBlocks, false, 257},
		{"brackets after a newline", "\nx = " + strings.Repeat("[", 257) + strings.Repeat("]", 257), false, 2},
		{"interpolations", "x = " + strings.Repeat(`"${`, 200) + "1" + strings.Repeat(`}"`, 200), false, 1},
		{"directives", strings.Repeat("%{if true}", 300) + strings.Repeat("%{endif}", 300), true, 1},
		{"unary operators", "x = " + strings.Repeat("!", 2000) + "true\n", false, 1},
		{"conditionals", "x = " + strings.Repeat("a ? 1 : ", 2000) + "2\n", false, 1},
		{"binary operators in parentheses", "x = (" + strings.Repeat("1 +\n", 2000) + "1)\n", false, 1025},
		{"brackets in strings, comments and heredocs", "# " + strings.Repeat("(", 1000) + "\n" +
			"/* " + strings.Repeat("[", 1000) + " */\n" +
			"x = \"" + strings.Repeat("{", 1000) + "\"\n" +
			"y = <<EOT\n" + strings.Repeat("((", 1000) + "\nEOT\n", false, 0},
		{"many operators in many attributes", strings.Repeat("x = 1 + 2 * 3 - !true ? 1 : 2\n", 2000), false, 0},
		{"many operators in a list", "x = [" + strings.Repeat("1 + 1,\n", 2000) + "]\n", false, 0},
		{"nesting at the limit", "x = " + strings.Repeat("[", MaxDepth-1) + strings.Repeat("]", MaxDepth-1), false, 0},
		{"directives closed", strings.Repeat("%{if true}x%{endif}", 1000), true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := HCL([]byte(tt.src), "f.tf", hcl.InitialPos, tt.template)
			if tt.wantLine == 0 {
				if len(diags) != 0 {
					t.Fatalf("unexpected %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Subject == nil {
				t.Fatalf("got %v, want one error", diags)
			}
			if got := diags[0].Subject.Start.Line; got != tt.wantLine {
				t.Errorf("error at line %d, want %d: %v", got, tt.wantLine, diags[0])
			}
		})
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
	}{
		{"arrays", `{"x":` + "\n" + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + "}", 2},
		{"objects", strings.Repeat(`{"a":`, 300) + "1" + strings.Repeat("}", 300), 1},
		{"brackets in strings", `{"x": "` + strings.Repeat(`[{\"`, 1000) + `"}`, 0},
		{"at the limit", strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), 0},
		{"template in a string", "{\n\"x\": \"${" + strings.Repeat("(", 100_000) + "}\"}", 2},
		{"escaped quotes in a template", `{"x": "${` + strings.Repeat(`\"${`, 300) + `}"}`, 1},
		{"shallow templates", `{"x": "${a}${(b)}%{if c}d%{endif}"}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			diags := JSON([]byte(tt.src), "f.tf.json")
			if tt.wantLine == 0 {
				if len(diags) != 0 {
					t.Fatalf("unexpected %v", diags)
				}
				return
			}
			if len(diags) != 1 || diags[0].Subject.Start.Line != tt.wantLine {
				t.Fatalf("got %v, want one error on line %d", diags, tt.wantLine)
			}
		})
	}
}

// FuzzWithinLimits: a source WithinLimits lets through without lexing is
// one the token check accepts.
func FuzzWithinLimits(f *testing.F) {
	for _, s := range []string{
		"x = ((1))\n", "a { b { c = [1, 2] } }\n", "x = \"${a}%{if b}c%{endif}\"\n",
		"x = <<EOT\n${y}\nEOT\n", "x = !a ? -1 : 2 * 3 / 4 % 5\n", "x = a == b && c != d || e <= f\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, src []byte, template bool) {
		if !WithinLimits(src) {
			return
		}
		var toks hclsyntax.Tokens
		if template {
			toks, _ = hclsyntax.LexTemplate(src, "f.tf", hcl.InitialPos)
		} else {
			toks, _ = hclsyntax.LexConfig(src, "f.tf", hcl.InitialPos)
		}
		if diags := checkTokens(toks); diags.HasErrors() {
			t.Fatalf("within the limits by its bytes, refused by its tokens: %v", diags)
		}
	})
}

// TestWithinLimitsAtTheEdge: the byte count lets through exactly what
// cannot pass a limit, and lexes the rest.
func TestWithinLimitsAtTheEdge(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"levels at the limit", "x = " + strings.Repeat("[", MaxDepth/2) + strings.Repeat("]", MaxDepth/2) + "\n", true},
		{"one level more", "x = " + strings.Repeat("(", MaxDepth+1) + "1" + strings.Repeat(")", MaxDepth+1) + "\n", false},
		{"operators at the limit", "x = " + strings.Repeat("1+", MaxOperators-1) + "1\n", true},
		{"one operator more", "x = " + strings.Repeat("1+", MaxOperators+1) + "1\n", false},
		{"quotes alone open one level at a time", strings.Repeat("x = \"a\"\n", MaxDepth), true},
		{"interpolations count twice", strings.Repeat("x = \"${a}\"\n", MaxDepth/2), false},
		{"unterminated interpolations", strings.Repeat("x = \"abc${\n", 300), false},
		{"directives count three times", strings.Repeat("%{if a}b%{endif}", MaxDepth/6+1), false},
		{"equals signs are no operators, == is", "x = 1\n" + strings.Repeat("y = a == b\n", MaxOperators+1), false},
		{"attributes do not count as operators", strings.Repeat("x = 1\n", MaxOperators+1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WithinLimits([]byte(tt.src)); got != tt.want {
				t.Errorf("WithinLimits = %v, want %v", got, tt.want)
			}
		})
	}
}
