package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EReadmeSampleIsCurrent keeps the README's sample output honest: it is
// what the README's first command prints today.
func TestE2EReadmeSampleIsCurrent(t *testing.T) {
	root := repoRoot(t)
	r := rampart(t, root, nil, "scan", "testdata/examples")
	r.wantCode(t, exitFindings)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), strings.TrimRight(r.stdout, "\n")) {
		t.Errorf("README.md's sample output is stale; the command now prints:\n%s", r.stdout)
	}
}
