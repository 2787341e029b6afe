//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// confineLayout is a repository (repo, with .git) beside a directory
// holding a secret, with a link from the repository to that directory
// and one inside the repository.
func confineLayout(t *testing.T) (base, repo string) {
	t.Helper()
	base = t.TempDir()
	repo = filepath.Join(base, "repo")
	for _, d := range []string{filepath.Join(repo, ".git", "hooks"), filepath.Join(repo, "sub"), filepath.Join(base, "outside")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(base, "outside", "secret"), []byte("CANARY: [x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"away": "../outside", "here": "sub"} {
		if err := os.Symlink(target, filepath.Join(repo, link)); err != nil {
			t.Fatal(err)
		}
	}
	return base, repo
}

// TestConfigPathsStayInTheRepository: a .rampart.yaml comes with the pull
// request, so every path it names must lie inside its repository, and
// its output not inside .git.
func TestConfigPathsStayInTheRepository(t *testing.T) {
	_, repo := confineLayout(t)
	tests := []struct {
		src string
		err string // "" when accepted
	}{
		{"output: reports/r.json\n", ""},
		{"output: here/r.json\n", ""},
		{"var_files: [sub/prod.tfvars]\ncfn_param_files: [here/p.json]\npolicy_dirs: [sub]\n", ""},
		{"output: ../r.json\n", ".rampart.yaml:1: output"},
		{"output: /tmp/r.json\n", "outside the repository"},
		{"output: away/r.json\n", "outside the repository"},
		{"output: ~/.bashrc\n", ""}, // a directory named ~ inside the repository, as the shell would not expand it
		{"output: .git/hooks/pre-commit\n", "inside the repository's .git directory"},
		{"output: sub/../.git/config\n", ".git directory"},
		{"policy_dirs: [ok, /etc]\n", ".rampart.yaml:1: policy_dirs /etc is outside"},
		{"var_files: [../../x.tfvars]\n", "var_files"},
		{"cfn_param_files: [away/secret]\n", "cfn_param_files"},
	}
	for _, tt := range tests {
		_, err := Parse(filepath.Join(repo, ".rampart.yaml"), []byte(tt.src))
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%q: %v", tt.src, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%q: err = %v, want one containing %q", tt.src, err, tt.err)
		}
	}
}

// TestLoadReadsOnlyARegularFileInsideTheRepository: a configuration file
// that is a FIFO fails at once instead of blocking the run, and one linked
// outside the repository is not read (its text could reach a message).
func TestLoadReadsOnlyARegularFileInsideTheRepository(t *testing.T) {
	_, repo := confineLayout(t)
	fifo := filepath.Join(repo, "sub", ".rampart.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(repo, ".rampart.yaml")
	if err := os.Symlink("../outside/secret", link); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{fifo: "not a regular file", link: "outside the repository root"} {
		done := make(chan error, 1)
		go func() {
			_, err := Load(path)
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "CANARY") {
				t.Errorf("Load(%s) = %v, want an error containing %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("Load(%s) blocked", path)
		}
	}
}
