package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook drives the real pre-commit tool: a throwaway
// repository whose .pre-commit-config.yaml names this module's
// .pre-commit-hooks.yaml, and commits through `git commit` with the hook
// installed. pre-commit builds the hook as it does for any user, with
// `go install ./...` (language: golang) in its clone of a repository that
// holds this working tree's build inputs at one commit; the build reads
// modules from the local module cache only (GOPROXY=off): the test needs
// no network. That exercises the hook definition itself (entry, files,
// pass_filenames), which a `repo: local` hook with a prebuilt binary
// would not.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the hook with pre-commit")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed; .ci/run installs it")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	tmp := t.TempDir()
	env := hookEnv(t, tmp)
	hooks := hookRepository(t, filepath.Join(tmp, "hooks"), env)

	repo := filepath.Join(tmp, "repo")
	writeTree(t, repo, map[string]string{
		// verbose: the hook's output is shown when it passes too.
		".pre-commit-config.yaml": "repos:\n  - repo: " + hooks.dir + "\n    rev: " + hooks.rev + "\n    hooks:\n      - id: rampart\n        verbose: true\n",
		"README.md":               "# infrastructure\n",
		"app/main.tf":             "module \"web\" {\n  source = \"../modules/sg\"\n  cidrs  = [\"0.0.0.0/0\"]\n}\n",
		"modules/sg/main.tf":      sgModule("443", ""),
	})
	git(t, repo, env, "init", "-q")
	mustRun(t, repo, env, preCommit, "install")
	mustRun(t, repo, env, preCommit, "install-hooks")

	steps := []struct {
		name string
		// files are written and staged before the commit.
		files   map[string]string
		blocked bool
		// output is what the hook's output must hold.
		output []string
	}{
		{
			name:  "a clean commit passes",
			files: map[string]string{},
		},
		{
			// Only the module changes; the root passes it 0.0.0.0/0,
			// so the hook must evaluate it through the root.
			name:    "a violation is blocked",
			files:   map[string]string{"modules/sg/main.tf": sgModule("22", "")},
			blocked: true,
			output:  []string{"modules/sg/main.tf:14", "AWS-SG-002", "via app/main.tf:3"},
		},
		{
			name:   "a suppressed violation passes",
			files:  map[string]string{"modules/sg/main.tf": sgModule("22", "  # rampart:ignore AWS-SG-002 -- bastion, reviewed in SEC-42\n")},
			output: []string{"modules/sg/main.tf:15", "[suppressed]", "bastion, reviewed in SEC-42"},
		},
	}
	for _, s := range steps {
		writeTree(t, repo, s.files)
		git(t, repo, env, "add", "-A")
		out, err := runCommand(repo, env, "git", "commit", "-q", "-m", s.name)
		if blocked := err != nil; blocked != s.blocked {
			t.Fatalf("%s: commit blocked = %v, want %v\n%s", s.name, blocked, s.blocked, out)
		}
		for _, want := range s.output {
			if !strings.Contains(out, want) {
				t.Errorf("%s: hook output does not hold %q:\n%s", s.name, want, out)
			}
		}
	}
	if log := git(t, repo, env, "log", "--format=%s"); strings.Contains(log, "blocked") {
		t.Errorf("a blocked commit was made:\n%s", log)
	}
}

// sgModule is a shared module with one security group that every rule
// passes unless port is an admin port and the caller opens it to the
// world; comment is written above the ingress block.
func sgModule(port, comment string) string {
	return `variable "cidrs" {
  type = list(string)
}

resource "aws_security_group" "web" {
  name        = "web-servers"
  description = "web servers"

` + comment + `  ingress {
    description = "service port"
    from_port   = ` + port + `
    to_port     = ` + port + `
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }

  tags = {
    Environment = "prod"
    Tier        = "web"
    Application = "shop"
  }
}
`
}

type hookRepo struct{ dir, rev string }

// hookRepository commits the build inputs of this module (go.mod, go.sum,
// every package's Go and embedded files, .pre-commit-hooks.yaml), as they
// are in the working tree, to a new git repository: what pre-commit clones
// at a rev.
func hookRepository(t *testing.T, dir string, env []string) hookRepo {
	t.Helper()
	root := moduleRoot(t)
	out := mustRun(t, root, env, "go", "list", "-e", "-f",
		`{{.Dir}}{{range .GoFiles}}|{{.}}{{end}}{{range .EmbedFiles}}|{{.}}{{end}}`, "./...")
	files := []string{"go.mod", "go.sum", ".pre-commit-hooks.yaml"}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		parts := strings.Split(line, "|")
		rel, err := filepath.Rel(root, parts[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range parts[1:] {
			files = append(files, filepath.Join(rel, f))
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, dir, map[string]string{filepath.ToSlash(f): string(data)})
	}
	git(t, dir, env, "init", "-q")
	git(t, dir, env, "add", "-A")
	git(t, dir, env, "commit", "-q", "-m", "hooks")
	return hookRepo{dir: dir, rev: strings.TrimSpace(git(t, dir, env, "rev-parse", "HEAD"))}
}

// hookEnv is the environment of git and pre-commit: a home of their own,
// this machine's Go caches (pre-commit points GOPATH at its environment,
// which would otherwise start with empty ones), no module download and no
// toolchain switch, and an identity for commits.
func hookEnv(t *testing.T, tmp string) []string {
	t.Helper()
	goEnv := func(name string) string {
		return strings.TrimSpace(mustRun(t, ".", os.Environ(), "go", "env", name))
	}
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + filepath.Join(tmp, "home"),
		"PRE_COMMIT_HOME=" + filepath.Join(tmp, "pre-commit"),
		"GOMODCACHE=" + goEnv("GOMODCACHE"),
		"GOCACHE=" + goEnv("GOCACHE"),
		"GOFLAGS=" + goEnv("GOFLAGS"),
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=rampart test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=rampart test", "GIT_COMMITTER_EMAIL=test@example.com",
	}
}

// moduleRoot is the directory of this module's go.mod.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func git(t *testing.T, dir string, env []string, args ...string) string {
	t.Helper()
	return mustRun(t, dir, env, "git", args...)
}

func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, err := runCommand(dir, env, name, args...)
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

// runCommand runs a command in dir with env and returns its combined output.
func runCommand(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}
