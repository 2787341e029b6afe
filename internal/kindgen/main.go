// Command kindgen generates, from the kind registry (analyzer/aws/kinds),
// the files that state a kind's contract elsewhere: docs/model.md, the
// Rego test defaults and builders (policies/lib/testing_test.rego) and the
// JSON schema of the policy input the engine type-checks policies against
// (analyzer/engine/schema/input.json). Run it from the repository root
// (`make generate-kinds`); TestGeneratedFilesUpToDate fails when a
// committed file differs from what it would write.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	if err := run(*root); err != nil {
		fmt.Fprintln(os.Stderr, "kindgen:", err)
		os.Exit(1)
	}
}

func run(root string) error {
	reg, err := kinds.Default()
	if err != nil {
		return err
	}
	files, err := generate(reg)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(root, f.path), f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.path, err)
		}
	}
	return nil
}
