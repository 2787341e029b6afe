package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// helpExamples returns every example command line in the help of cmd and
// its subcommands, by command path.
func helpExamples(cmd *cobra.Command) map[string][]string {
	out := map[string][]string{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, line := range strings.Split(c.Example, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out[c.CommandPath()] = append(out[c.CommandPath()], line)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cmd)
	return out
}

// TestE2EHelpExamplesRun runs every example of every command's --help, as
// written, with the real binary in a copy of testdata/examples: each must be
// one rampart command line (no shell), and must run (exit 0 or 1, never the
// usage or untrusted-scan exit 2).
func TestE2EHelpExamplesRun(t *testing.T) {
	binary(t)
	examples := helpExamples(newApp(nil, nil, nil).rootCommand())
	if len(examples["rampart scan"]) == 0 {
		t.Fatal("found no example of rampart scan")
	}
	src := filepath.Join(repoRoot(t), "testdata", "examples")
	for path, lines := range examples {
		for _, line := range lines {
			t.Run(line, func(t *testing.T) {
				if strings.ContainsAny(line, "|&;<>$`'\"\\") {
					t.Fatalf("%s: example %q needs a shell; write one rampart command", path, line)
				}
				args := strings.Fields(line)
				if args[0] != "rampart" {
					t.Fatalf("%s: example %q does not start with rampart", path, line)
				}
				dir := t.TempDir()
				if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
					t.Fatal(err)
				}
				if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
				// A baseline example reads what the writing one wrote.
				if strings.Contains(line, "--baseline ") {
					rampart(t, dir, nil, "scan", "--write-baseline", "rampart-baseline.json")
				}
				r := rampart(t, dir, nil, args[1:]...)
				if r.code != 0 && r.code != 1 {
					t.Errorf("%s: example %q exits %d\nstdout:\n%s\nstderr:\n%s", path, line, r.code, r.stdout, r.stderr)
				}
			})
		}
	}
}
