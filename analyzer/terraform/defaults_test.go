package terraform

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// TestLiteralExpr: only expressions made of literals are taken for
// defaults whose value is the same everywhere.
func TestLiteralExpr(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{`"web"`, true},
		{`42`, true},
		{`null`, true},
		{`["a", 1, true, null]`, true},
		{`{ a = 1, "b" = [2], 3 = { c = "d" } }`, true},
		{"<<EOT\nliteral\nEOT\n", true},
		{`("x")`, true},
		{`"web-${var.env}"`, false},
		{`upper("web")`, false},
		{`[for x in [1, 2] : x]`, false},
		{`var.x`, false},
		{`{ (var.k) = 1 }`, false},
		{`{ null = 1 }`, true},
		{`1 + 1`, false},
		{`true ? 1 : 2`, false},
	}
	for _, tt := range tests {
		expr, diags := hclsyntax.ParseExpression([]byte(tt.src), "x.tf", hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", tt.src, diags)
		}
		if got := literalExpr(expr); got != tt.want {
			t.Errorf("literalExpr(%s) = %v, want %v", tt.src, got, tt.want)
		}
	}
}

// TestLiteralDefaultIsCopied: every instance gets its own shadow of a
// cached default, so what one root does with it reaches no other.
func TestLiteralDefaultIsCopied(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"main.tf": "variable \"tags\" {\n  default = { Team = \"a\" }\n}\n",
	})
	l := newLoader(dir)
	ev := &evaluator{ctx: context.Background(), loader: l}
	vc := l.config(filepath.Clean(dir)).variables["tags"]
	_, first, ok := ev.literalDefault(vc)
	if !ok {
		t.Fatal("a literal default is not cached")
	}
	first.Get("Team").Str = "changed"
	_, second, _ := ev.literalDefault(vc)
	if got := second.Get("Team").Str; got != "a" {
		t.Errorf("the cached default was changed through a caller's shadow: Team = %q", got)
	}
	if first == second {
		t.Errorf("two callers got the same shadow")
	}
}
