package analyzer

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/rampart-iac/rampart/internal/corpus"
)

// moduleTree is the 200-module repository the changed-files benchmark runs
// in: 20 roots calling 10 shared modules each.
var moduleTree = corpus.Tree{Modules: 200, GroupsPerModule: 2, ModulesPerRoot: 10}

// BenchmarkChangedFile compares what a pre-commit hook costs on a commit
// that changes one shared module (the module evaluated through the root
// that calls it) with a full scan of the same repository.
func BenchmarkChangedFile(b *testing.B) {
	dir := b.TempDir()
	changed, err := corpus.WriteTree(dir, moduleTree)
	if err != nil {
		b.Fatal(err)
	}
	// A template committed in the same repository: no module needs its
	// callers found.
	template := filepath.Join(dir, "stacks", "app.yaml")
	if err := os.MkdirAll(filepath.Dir(template), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(template, []byte(corpus.CloudFormationTemplate(1, 1)), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		paths []string
	}{
		{"one-module-file", []string{changed}},
		{"one-template", []string{template}},
		{"full-scan", []string{dir}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				res, err := Scan(context.Background(), Options{Paths: c.paths, Root: dir})
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Errors) > 0 {
					b.Fatalf("tree does not evaluate: %s", res.Errors[0].Error())
				}
				if res.Resources == 0 {
					b.Fatal("nothing evaluated")
				}
			}
		})
	}
}
