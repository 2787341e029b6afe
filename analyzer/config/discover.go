package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileNames returns the names Find looks for in each directory, in order.
func FileNames() []string { return []string{".rampart.yaml", ".rampart.yml"} }

// Find looks for the configuration file that applies to start (a file or a
// directory): .rampart.yaml or .rampart.yml in start's directory, then in each
// parent up to and including the repository root (the first directory holding
// .git) or the filesystem root. It returns "" and no error when there is none.
// Both names in one directory is an error: which one wins would be a guess.
func Find(start string) (string, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("finding config for %s: %w", start, err)
	}
	dir := abs
	info, err := os.Stat(abs)
	switch {
	case err != nil:
		return "", fmt.Errorf("finding config for %s: %w", start, err)
	case !info.IsDir():
		dir = filepath.Dir(abs)
	}
	for {
		var found []string
		for _, name := range FileNames() {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				found = append(found, p)
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", fmt.Errorf("finding config: %w", err)
			}
		}
		switch len(found) {
		case 1:
			return found[0], nil
		case 2:
			return "", fmt.Errorf("both %s and %s exist; keep one", found[0], found[1])
		}
		// .git is a directory in a clone and a file in a worktree or
		// submodule; either marks the repository root.
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
