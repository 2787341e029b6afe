package cloudformation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestNestedStackDepthIncludes: the unit records which template includes
// which, and the one the depth limit stopped before, with the chain.
func TestNestedStackDepthIncludes(t *testing.T) {
	dir := t.TempDir()
	name := func(i int) string { return filepath.Join(dir, fmt.Sprintf("t%d.yaml", i)) }
	for i := range MaxStackDepth + 2 {
		src := fmt.Sprintf("Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: t%d.yaml\n", i+1)
		if err := os.WriteFile(name(i), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := os.ReadFile(name(0))
	if err != nil {
		t.Fatal(err)
	}
	u := Parse(context.Background(), name(0), src, Options{Root: dir})
	if len(u.Includes) != MaxStackDepth+1 {
		t.Fatalf("%d includes, want %d: %+v", len(u.Includes), MaxStackDepth+1, u.Includes)
	}
	for i, inc := range u.Includes[:MaxStackDepth] {
		if want := (graph.Include{File: name(i + 1), Parent: name(i)}); inc != want {
			t.Errorf("include %d = %+v, want %+v", i, inc, want)
		}
	}
	chain := make([]string, 0, MaxStackDepth+2)
	for i := range MaxStackDepth + 2 {
		chain = append(chain, name(i))
	}
	why := "nested stacks nest deeper than 16 levels: " + strings.Join(chain, " → ")
	last := u.Includes[MaxStackDepth]
	if last.File != name(MaxStackDepth+1) || last.Parent != name(MaxStackDepth) || last.NotAnalysed != why {
		t.Errorf("last include = %+v, want %s included by %s, not analysed: %s", last, name(MaxStackDepth+1), name(MaxStackDepth), why)
	}
	if len(u.Diagnostics) != 1 || !strings.Contains(u.Diagnostics[0].Summary, why) {
		t.Errorf("diagnostics %v, want one naming the chain", u.Diagnostics)
	}
}
