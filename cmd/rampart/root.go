package main

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"
)

// addRootFlag registers --root, the boundary no front-end reads outside.
func addRootFlag(f *pflag.FlagSet) {
	f.String("root", "", "read no file outside `DIR` (default: the repository root of each PATH, found from its .git)")
}

// scanPaths defaults the PATH arguments to "." and refuses one that cannot
// be read: that is the user's mistake, not a template problem, and is said
// before anything else.
func scanPaths(args []string) ([]string, error) {
	paths := args
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, pathErr(err))
		}
	}
	return paths, nil
}
