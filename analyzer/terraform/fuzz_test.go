package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// FuzzLoadModule writes the input as main.tf of a module and loads it. Any
// input must give a Unit with diagnostics, never a panic: LoadModules
// recovers, so a recovered panic shows up as an internal error diagnostic,
// which fails the target.
func FuzzLoadModule(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join(fixtures, "*", "*.tf"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`resource "a_b" "c" { dynamic "x" { for_each = [[1]] content { dynamic "y" { for_each = x.value content { v = y.value } } } } }`))
	f.Add([]byte(`locals { a = [for k, v in {a = 1} : v if k != ""] }` + "\n" + `resource "a_b" "c" { count = length(local.a) x = local.a[count.index] }`))
	f.Add([]byte(`module "m" { source = "./" }`))
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), src, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan []*graph.Unit, 1)
		go func() { done <- LoadModules(context.Background(), []string{dir}, Options{Root: dir}) }()
		var units []*graph.Unit
		select {
		case units = <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("loading did not finish in 20s:\n%s", src)
		}
		if len(units) != 1 {
			t.Fatalf("got %d units, want 1", len(units))
		}
		for _, d := range units[0].Diagnostics {
			if strings.HasPrefix(d.Summary, "Internal error") {
				t.Fatalf("panic while loading:\n%s\n%s", src, d.Detail)
			}
		}
	})
}
