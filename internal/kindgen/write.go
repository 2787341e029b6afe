// Package kindgen generates, from the kind registry (analyzer/aws/kinds),
// the files that state a kind's contract elsewhere: docs/model.md, the
// Rego test defaults and builders (policies/lib/testing_test.rego) and the
// JSON schema of the policy input the engine type-checks policies against
// (analyzer/engine/schema/input.json). `make generate-kinds` runs
// TestGeneratedFilesUpToDate with -update, which writes them; without
// -update the test fails when a committed file differs from what Write
// would write. It is a package, not a command, so that `go install ./...`
// (pre-commit's golang hook) installs rampart alone.
package kindgen

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rampart-iac/rampart/analyzer/aws/kinds"
)

// Write generates every file from the default registry into the
// repository whose root is root.
func Write(root string) error {
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
