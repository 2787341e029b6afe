package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/rampart-iac/rampart/internal/safefs"
)

// repositoryOf is the repository a configuration file in dir belongs to:
// the nearest directory at or above dir holding .git (a directory in a
// clone, a file in a worktree), or dir itself outside any repository.
// Every path the file names must lie inside it.
func repositoryOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// confine refuses a path the configuration file names that resolves
// (symbolic links followed as far as they exist) outside the file's
// repository, and an output inside its .git directory. The file comes
// with the repository, so whoever writes a pull request writes it: it must
// not make the scan read ~/.aws/credentials as a policy or write over
// ~/.bashrc or .git/hooks/pre-commit. Flags and environment variables are
// the operator's and are not confined.
func (c *Config) confine() error {
	repo := repositoryOf(filepath.Dir(c.Path))
	check := func(key, p string) error {
		if !safefs.Within(repo, p) {
			return fmt.Errorf("%s: %s %s is outside the repository %s; a configuration file may name only paths inside its repository (give the path with a flag instead)", c.Source(key), key, p, repo)
		}
		return nil
	}
	if c.Baseline != "" {
		if err := check("baseline", c.Baseline); err != nil {
			return err
		}
	}
	if c.Output != "" {
		if err := check("output", c.Output); err != nil {
			return err
		}
		if inGitDir(repo, c.Output) {
			return fmt.Errorf("%s: output %s is inside the repository's .git directory", c.Source("output"), c.Output)
		}
	}
	lists := []struct {
		key   string
		paths []string
	}{{"policy_dirs", c.PolicyDirs}, {"var_files", c.VarFiles}, {"cfn_param_files", c.CFNParamFiles}}
	for _, l := range lists {
		for _, p := range l.paths {
			if err := check(l.key, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// inGitDir reports whether p, resolved, has a .git component below repo.
func inGitDir(repo, p string) bool {
	r, err := safefs.Resolve(repo)
	if err != nil {
		return true
	}
	rp, err := safefs.Resolve(p)
	if err != nil {
		return true
	}
	rel, err := filepath.Rel(r, rp)
	if err != nil {
		return true
	}
	return slices.Contains(strings.Split(rel, string(filepath.Separator)), ".git")
}
