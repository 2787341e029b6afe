//go:build ignore

// Command regen records what Terraform itself plans for every case of the
// differential suite, as the golden files analyzer/terraform's
// differential test compares rampart with. It needs the terraform binary
// on the PATH and no network: the cases use only variables, locals,
// outputs, local modules and the built-in terraform_data resource.
//
//	cd testdata/terraform/differential && go run regen.go [case ...]
//
// Each case is copied to a temporary directory, so no .terraform directory,
// lock file or plan is left in the tree, and no absolute path of the
// machine reaches a golden. Running it twice gives the same goldens.
//
// The functions case is one module with one output per expression. An
// expression Terraform refuses fails the whole plan, so regen blanks out
// the outputs the plan's diagnostics point at, records their error, and
// plans again until the plan succeeds.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// golden is what a case's golden file holds.
type golden struct {
	// Errors are the summaries of the errors of a plan that failed (not
	// used for the functions case, whose failing outputs are recorded one
	// by one).
	Errors    []string                   `json:"errors,omitempty"`
	Outputs   map[string]*outputGolden   `json:"outputs,omitempty"`
	Resources map[string]*resourceGolden `json:"resources,omitempty"`
}

// outputGolden is one root module output as the plan gives it: Terraform's
// "after" and "after_unknown" of the output change, and, when the value is
// wholly known, its type. Error is set instead when the output's
// expression made the plan fail.
type outputGolden struct {
	Type      json.RawMessage `json:"type,omitempty"`
	Value     json.RawMessage `json:"value,omitempty"`
	Unknown   json.RawMessage `json:"unknown,omitempty"`
	Sensitive bool            `json:"sensitive,omitempty"`
	Error     string          `json:"error,omitempty"`
}

// resourceGolden is the planned input of one terraform_data instance.
type resourceGolden struct {
	Input        json.RawMessage `json:"input"`
	InputUnknown json.RawMessage `json:"input_unknown,omitempty"`
}

func main() {
	flag.Parse()
	if _, err := exec.LookPath("terraform"); err != nil {
		fatal(errors.New("terraform is not on the PATH"))
	}
	cases := flag.Args()
	if len(cases) == 0 {
		cases = append(cases, "functions")
		dirs, err := os.ReadDir("configs")
		if err != nil {
			fatal(err)
		}
		for _, d := range dirs {
			if d.IsDir() {
				cases = append(cases, filepath.Join("configs", d.Name()))
			}
		}
	}
	for _, c := range cases {
		if err := regen(c); err != nil {
			fatal(fmt.Errorf("%s: %w", c, err))
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "regen:", err)
	os.Exit(1)
}

// regen plans one case and writes its golden file: goldens/<name>.json.
func regen(dir string) error {
	tmp, err := os.MkdirTemp("", "rampart-differential-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	work := filepath.Join(tmp, "case")
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		return fmt.Errorf("copy: %w", err)
	}
	args, env, err := readArgs(filepath.Join(dir, "args.txt"))
	if err != nil {
		return err
	}
	var g *golden
	if filepath.Base(dir) == "functions" {
		g, err = planFunctions(work)
	} else {
		g, err = planCase(work, args, env)
	}
	if err != nil {
		return err
	}
	out, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		return err
	}
	name := filepath.Join("goldens", filepath.Base(dir)+".json")
	fmt.Printf("%s: %d outputs, %d resources, %d errors\n", name, len(g.Outputs), len(g.Resources), len(g.Errors))
	return os.WriteFile(name, append(out, '\n'), 0o644)
}

// readArgs reads a case's args.txt: one "-var=k=v" or "-var-file=f" per
// line, passed to terraform plan in order, or "env NAME=value" for the
// environment. Blank lines and # comments are skipped.
func readArgs(path string) (args, env []string, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "env "):
			env = append(env, strings.TrimPrefix(line, "env "))
		default:
			args = append(args, line)
		}
	}
	return args, env, sc.Err()
}

// diagnostic is one diagnostic of terraform's -json output.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Range    *struct {
		Filename string `json:"filename"`
		Start    struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
}

// terraform runs terraform in dir and returns its error diagnostics when
// it fails; a failure with no diagnostic is an error.
func terraform(dir string, env []string, args ...string) ([]diagnostic, error) {
	cmd := exec.Command("terraform", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	if runErr == nil {
		return nil, nil
	}
	var diags []diagnostic
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var line struct {
			Type       string      `json:"type"`
			Diagnostic *diagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && line.Diagnostic != nil && line.Diagnostic.Severity == "error" {
			diags = append(diags, *line.Diagnostic)
		}
	}
	if len(diags) == 0 {
		return nil, fmt.Errorf("terraform %s: %v\n%s%s", strings.Join(args, " "), runErr, stdout.Bytes(), stderr.Bytes())
	}
	return diags, nil
}

// plan runs init and plan in dir. It returns the plan's JSON rendering,
// or the error diagnostics when terraform refuses the configuration.
func plan(dir string, args, env []string) ([]byte, []diagnostic, error) {
	diags, err := terraform(dir, env, "init", "-backend=false", "-input=false", "-json")
	if err != nil || len(diags) > 0 {
		return nil, diags, err
	}
	diags, err = terraform(dir, env, append([]string{"plan", "-input=false", "-json", "-out=plan.out"}, args...)...)
	if err != nil || len(diags) > 0 {
		return nil, diags, err
	}
	cmd := exec.Command("terraform", "show", "-json", "plan.out")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return nil, nil, fmt.Errorf("terraform show: %w", err)
	}
	return out, nil, nil
}

// planCase plans a configuration case as it is.
func planCase(dir string, args, env []string) (*golden, error) {
	out, diags, err := plan(dir, args, env)
	if err != nil {
		return nil, err
	}
	if len(diags) > 0 {
		g := &golden{}
		for _, d := range diags {
			// terraform init adds a summary of its own to the
			// configuration's errors.
			if strings.HasPrefix(d.Summary, "Terraform encountered problems during initialisation") {
				continue
			}
			g.Errors = append(g.Errors, stableSummary(d.Summary))
		}
		sort.Strings(g.Errors)
		return g, nil
	}
	return decodePlan(out)
}

// stableSummary makes a summary the same on every run: terraform names
// the members of a dependency cycle in no fixed order.
func stableSummary(s string) string {
	members, ok := strings.CutPrefix(s, "Cycle: ")
	if !ok {
		return s
	}
	parts := strings.Split(members, ", ")
	sort.Strings(parts)
	return "Cycle: " + strings.Join(parts, ", ")
}

// planFunctions plans the functions case, taking out each output
// Terraform refuses (and recording why) until the plan succeeds.
func planFunctions(dir string) (*golden, error) {
	path := filepath.Join(dir, "main.tf")
	failed := map[string]string{}
	for round := 0; ; round++ {
		if round > 20 {
			return nil, errors.New("plan still fails after 20 rounds of removing outputs")
		}
		out, diags, err := plan(dir, nil, nil)
		if err != nil {
			return nil, err
		}
		if len(diags) == 0 {
			g, err := decodePlan(out)
			if err != nil {
				return nil, err
			}
			for name, summary := range failed {
				g.Outputs[name] = &outputGolden{Error: summary}
			}
			return g, nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		blocks, err := outputBlocks(src)
		if err != nil {
			return nil, err
		}
		var remove []hcl.Range
		for _, d := range diags {
			b, ok := blockAt(blocks, d)
			if !ok {
				return nil, fmt.Errorf("error %q (%s) is not inside an output", d.Summary, d.Detail)
			}
			if _, seen := failed[b.name]; !seen {
				failed[b.name] = d.Summary
				remove = append(remove, b.rng)
			}
		}
		if err := os.WriteFile(path, blankLines(src, remove), 0o644); err != nil {
			return nil, err
		}
	}
}

type outputBlock struct {
	name string
	rng  hcl.Range
}

func outputBlocks(src []byte) ([]outputBlock, error) {
	f, diags := hclsyntax.ParseConfig(src, "main.tf", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, diags
	}
	var out []outputBlock
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type == "output" && len(b.Labels) == 1 {
			out = append(out, outputBlock{name: b.Labels[0], rng: b.Range()})
		}
	}
	return out, nil
}

func blockAt(blocks []outputBlock, d diagnostic) (outputBlock, bool) {
	if d.Range == nil {
		// An output whose value cannot be written to the plan (an
		// infinity) is named only in the detail.
		for _, b := range blocks {
			if strings.Contains(d.Detail, fmt.Sprintf("output value %q", b.name)) {
				return b, true
			}
		}
		return outputBlock{}, false
	}
	if d.Range.Filename != "main.tf" {
		return outputBlock{}, false
	}
	for _, b := range blocks {
		if d.Range.Start.Line >= b.rng.Start.Line && d.Range.Start.Line <= b.rng.End.Line {
			return b, true
		}
	}
	return outputBlock{}, false
}

// blankLines empties the lines of the given ranges, so every other line
// keeps its number.
func blankLines(src []byte, rngs []hcl.Range) []byte {
	lines := strings.Split(string(src), "\n")
	for _, r := range rngs {
		for l := r.Start.Line; l <= r.End.Line; l++ {
			lines[l-1] = ""
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// decodePlan takes the outputs and terraform_data inputs from the JSON
// rendering of a plan.
func decodePlan(b []byte) (*golden, error) {
	var p struct {
		PlannedValues struct {
			Outputs map[string]struct {
				Sensitive bool            `json:"sensitive"`
				Type      json.RawMessage `json:"type"`
			} `json:"outputs"`
		} `json:"planned_values"`
		OutputChanges map[string]struct {
			After        json.RawMessage `json:"after"`
			AfterUnknown json.RawMessage `json:"after_unknown"`
		} `json:"output_changes"`
		ResourceChanges []struct {
			Address string `json:"address"`
			Type    string `json:"type"`
			Change  struct {
				After        map[string]json.RawMessage `json:"after"`
				AfterUnknown map[string]json.RawMessage `json:"after_unknown"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("decode plan: %w", err)
	}
	g := &golden{Outputs: map[string]*outputGolden{}, Resources: map[string]*resourceGolden{}}
	for name, c := range p.OutputChanges {
		o := &outputGolden{Value: c.After, Sensitive: p.PlannedValues.Outputs[name].Sensitive}
		if string(c.AfterUnknown) != "false" {
			o.Unknown = c.AfterUnknown
		}
		if t := p.PlannedValues.Outputs[name].Type; len(t) > 0 {
			o.Type = t
		}
		g.Outputs[name] = o
	}
	for _, rc := range p.ResourceChanges {
		if rc.Type != "terraform_data" {
			continue
		}
		r := &resourceGolden{Input: rc.Change.After["input"]}
		if len(r.Input) == 0 {
			r.Input = json.RawMessage("null")
		}
		if u, ok := rc.Change.AfterUnknown["input"]; ok && string(u) != "false" {
			r.InputUnknown = u
		}
		g.Resources[rc.Address] = r
	}
	return g, nil
}
