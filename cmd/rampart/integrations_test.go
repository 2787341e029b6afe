package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// action mirrors the parts of action.yml the tests check.
type action struct {
	Inputs map[string]struct {
		Description string `yaml:"description"`
	} `yaml:"inputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

var inputRef = regexp.MustCompile(`inputs\.([A-Za-z0-9_-]+)`)

func TestActionUsesEveryInputAndOnlyTheModuleProxy(t *testing.T) {
	src := readRepoFile(t, "action.yml")
	var a action
	if err := yaml.Unmarshal(src, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, name := range []string{"path", "fail-on", "format", "config", "upload-sarif"} {
		if a.Inputs[name].Description == "" {
			t.Errorf("input %s is missing or has no description", name)
		}
	}
	steps, err := yaml.Marshal(a.Runs.Steps)
	if err != nil {
		t.Fatal(err)
	}
	for name := range a.Inputs {
		if !strings.Contains(string(steps), "inputs."+name) {
			t.Errorf("input %s is declared but no step uses it", name)
		}
	}
	for _, m := range inputRef.FindAllStringSubmatch(string(src), -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("inputs.%s is used but not declared", m[1])
		}
	}

	scanFlags := newApp(io.Discard, io.Discard, nil).scanCommand().Flags()
	var built, scanned, uploaded bool
	for _, s := range a.Runs.Steps {
		switch {
		case s.Uses != "":
			// The only action used is GitHub's SARIF upload.
			if !strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@") {
				t.Errorf("step %q uses %s", s.Name, s.Uses)
			}
			if !strings.Contains(s.With["sarif_file"], "inputs.sarif-file") || !strings.Contains(s.If, "inputs.upload-sarif") {
				t.Errorf("step %q uploads regardless of upload-sarif or not the report written: %+v", s.Name, s)
			}
			uploaded = true
		case s.Run != "":
			if s.Shell == "" {
				t.Errorf("step %q has no shell (required in a composite action)", s.Name)
			}
			if strings.Contains(s.Run, "${{") {
				// An expression in a script is injected as text: inputs
				// reach scripts through env only.
				t.Errorf("step %q expands an expression inside its script", s.Name)
			}
			if err := bashSyntax(s.Run); err != nil {
				t.Errorf("step %q: %v", s.Name, err)
			}
			for _, fetch := range []string{"curl", "wget", "go install", "go get", "docker"} {
				if strings.Contains(s.Run, fetch) {
					t.Errorf("step %q runs %s: the action builds from its own checkout", s.Name, fetch)
				}
			}
			built = built || strings.Contains(s.Run, "go build") && strings.Contains(s.Run, "./cmd/rampart")
			if strings.Contains(s.Run, "args=(scan") {
				scanned = true
				for _, flag := range regexp.MustCompile(`(?m)(?:^|[\s(])--([a-z][a-z-]*)`).FindAllStringSubmatch(s.Run, -1) {
					if scanFlags.Lookup(flag[1]) == nil {
						t.Errorf("step %q passes --%s, which rampart scan does not have", s.Name, flag[1])
					}
				}
			}
		}
	}
	if !built || !scanned || !uploaded {
		t.Errorf("build step %v, scan step %v, upload step %v: want all", built, scanned, uploaded)
	}
}

// bashSyntax checks a script with bash -n (no check without bash).
func bashSyntax(script string) error {
	bash, err := exec.LookPath("bash")
	if err != nil {
		return nil
	}
	cmd := exec.Command(bash, "-n")
	cmd.Stdin = strings.NewReader(script)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("bash -n: %v\n%s", err, out)
	}
	return nil
}

// TestIntegrationExamples parses every file under docs/examples and checks
// that each rampart command line in it is one `rampart scan` accepts.
func TestIntegrationExamples(t *testing.T) {
	dir := filepath.Join(moduleRoot(t), "docs", "examples")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(readRepoFile(t, "docs/integrations.md"))
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(guide, "docs/examples/"+e.Name()) {
				t.Errorf("docs/integrations.md does not show docs/examples/%s", e.Name())
			}
			var commands [][]string
			switch filepath.Ext(e.Name()) {
			case ".yml", ".yaml":
				var doc any
				if err := yaml.Unmarshal(src, &doc); err != nil {
					t.Fatalf("YAML: %v", err)
				}
				commands = append(commands, hookArgs(t, src)...)
				commands = append(commands, actionUses(t, src)...)
			}
			commands = append(commands, scanCommandLines(string(src))...)
			if len(commands) == 0 && !strings.Contains(string(src), "rampart-iac/rampart@") && !namesExample(string(src), entries) {
				t.Fatal("no rampart command, hook or action in the example, and no other example it runs")
			}
			for _, args := range commands {
				cmd := newApp(io.Discard, io.Discard, nil).scanCommand()
				if err := cmd.ParseFlags(args); err != nil {
					t.Errorf("rampart scan %s: %v", strings.Join(args, " "), err)
				}
			}
		})
	}
}

// namesExample reports whether an example runs another one (a pipeline
// template naming the buildspec its build uses).
func namesExample(src string, entries []os.DirEntry) bool {
	for _, e := range entries {
		if strings.Contains(src, "docs/examples/"+e.Name()) {
			return true
		}
	}
	return false
}

// hookArgs returns the args of each rampart hook of a pre-commit
// configuration (none for other YAML).
func hookArgs(t *testing.T, src []byte) [][]string {
	t.Helper()
	var cfg struct {
		Repos []struct {
			Hooks []struct {
				ID   string   `yaml:"id"`
				Args []string `yaml:"args"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if yaml.Unmarshal(src, &cfg) != nil {
		return nil
	}
	var out [][]string
	for _, r := range cfg.Repos {
		for _, h := range r.Hooks {
			if h.ID == "rampart" {
				out = append(out, append([]string{}, h.Args...))
			}
		}
	}
	return out
}

// actionUses checks the inputs each use of the rampart action in a
// workflow gives against action.yml, and returns the scan flags the
// action makes of them.
func actionUses(t *testing.T, src []byte) [][]string {
	t.Helper()
	var wf struct {
		Jobs map[string]struct {
			Steps []actionStep `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if yaml.Unmarshal(src, &wf) != nil {
		return nil
	}
	var a action
	if err := yaml.Unmarshal(readRepoFile(t, "action.yml"), &a); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "rampart-iac/rampart@") {
				continue
			}
			var args []string
			for k, v := range s.With {
				if _, ok := a.Inputs[k]; !ok {
					t.Errorf("the workflow gives the action input %s, which action.yml does not declare", k)
				}
				if k == "fail-on" || k == "format" || k == "config" {
					args = append(args, "--"+k, v)
				}
			}
			out = append(out, args)
		}
	}
	return out
}

// scanCommandLines finds `rampart scan ...` in text and returns the words
// after scan up to the end of the shell command (a pipe, a list operator
// or a redirection).
func scanCommandLines(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		words := shellWords(line)
		for i := 0; i+1 < len(words); i++ {
			if filepath.Base(words[i]) != "rampart" || words[i+1] != "scan" {
				continue
			}
			var args []string
			for _, w := range words[i+2:] {
				if slices.Contains([]string{"|", "||", "&&", ";"}, w) || strings.HasPrefix(w, ">") || strings.HasPrefix(w, "2>") {
					break
				}
				args = append(args, w)
			}
			out = append(out, args)
		}
	}
	return out
}

// shellWords splits a line into words as a shell would for the simple
// command lines of the examples: white space separates, quotes group.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	quote := rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func readRepoFile(t *testing.T, rel string) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(moduleRoot(t), filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return src
}
