package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Tree describes a repository of shared Terraform modules and the root
// modules that call them, the shape a pre-commit hook runs in.
type Tree struct {
	// Modules is the number of shared modules under modules/, each with
	// GroupsPerModule security groups and their attachments.
	Modules, GroupsPerModule int
	// ModulesPerRoot is how many consecutive modules each root under
	// roots/ calls; the last root calls what is left.
	ModulesPerRoot int
}

// WriteTree generates the repository under dir (with a .git directory, so
// dir is the repository root) and returns the path of one module's file:
// what a commit that changes one module passes to the hook.
func WriteTree(dir string, t Tree) (changed string, err error) {
	if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
		return "", fmt.Errorf("creating repository: %w", err)
	}
	for i := 0; i < t.Modules; i++ {
		path := filepath.Join(dir, "modules", fmt.Sprintf("m%03d", i), "main.tf")
		if err := writeFile(path, TerraformModule(i, t.GroupsPerModule)); err != nil {
			return "", err
		}
		if i == t.Modules/2 {
			changed = path
		}
	}
	for r, first := 0, 0; first < t.Modules; r, first = r+1, first+t.ModulesPerRoot {
		var b strings.Builder
		for i := first; i < min(first+t.ModulesPerRoot, t.Modules); i++ {
			fmt.Fprintf(&b, "module \"m%03d\" {\n  source      = \"../../modules/m%03d\"\n  environment = \"root-%d\"\n  admin_cidrs = [\"10.%d.0.0/24\"]\n}\n\n", i, i, r, r%250)
		}
		if err := writeFile(filepath.Join(dir, "roots", fmt.Sprintf("r%02d", r), "main.tf"), b.String()); err != nil {
			return "", err
		}
	}
	return changed, nil
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
