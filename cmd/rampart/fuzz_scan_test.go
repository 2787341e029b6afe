//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/report"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// fuzzNames are the paths a fuzz input can create: every kind of file the
// scan reads (templates, modules, variable files, plans, the configuration
// file) at the places it looks for them.
var fuzzNames = []string{
	"main.tf",
	"variables.tf",
	"override.tf",
	"main.tf.json",
	"terraform.tfvars",
	"prod.auto.tfvars",
	"prod.auto.tfvars.json",
	"modules/m/main.tf",
	"modules/m/data.txt",
	"template.yaml",
	"template.json",
	"stack.template",
	"nested/child.yaml",
	"params.json",
	"plan.json",
	".rampart.yaml",
	".terraform/modules/modules.json",
	"policies/p.rego",
}

// fuzzLinkTargets are where a symlink entry can point: inside the tree, at
// the outside directory's canary files, or in a loop. Devices and FIFOs are
// left to the hostile suite, which runs them in a capped child process.
var fuzzLinkTargets = []string{
	"main.tf",
	"modules/m",
	"../outside/secret.tf",
	"../outside/secret.yaml",
	"../outside/secret.tfvars",
	"../outside",
	"loop",
}

// fuzzEntrySep separates the files of a fuzz input.
const fuzzEntrySep = "\n\x00\x00\n"

// decodeFuzzTree turns a fuzz input into files: entries separated by
// fuzzEntrySep, each a selector byte and a content. A selector below 0xF0
// picks a name from fuzzNames; from 0xF0 up the entry is a symlink whose
// name is the content's first line and whose target is picked by the
// selector. Later entries for the same name replace earlier ones.
func decodeFuzzTree(data []byte) (files map[string][]byte, links map[string]string) {
	files, links = map[string][]byte{}, map[string]string{}
	for _, entry := range bytes.Split(data, []byte(fuzzEntrySep)) {
		if len(entry) == 0 {
			continue
		}
		sel, content := entry[0], entry[1:]
		if sel < 0xF0 {
			files[fuzzNames[int(sel)%len(fuzzNames)]] = content
			continue
		}
		name, _, _ := bytes.Cut(content, []byte("\n"))
		if clean := fuzzLinkName(string(name)); clean != "" {
			links[clean] = fuzzLinkTargets[int(sel-0xF0)%len(fuzzLinkTargets)]
		}
	}
	return files, links
}

// fuzzLinkName keeps a symlink inside the tree: a relative, clean path of
// at most three short components, or "" when the name is unusable.
func fuzzLinkName(name string) string {
	name = filepath.Clean(name)
	if name == "." || filepath.IsAbs(name) || strings.HasPrefix(name, "..") || len(name) > 64 ||
		strings.Count(name, "/") > 2 || strings.ContainsAny(name, "\x00\\") {
		return ""
	}
	return name
}

// encodeFuzzTree is the inverse of decodeFuzzTree for files, used for seeds.
func encodeFuzzTree(files map[string]string) []byte {
	var b bytes.Buffer
	for i, name := range fuzzNames {
		content, ok := files[name]
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(fuzzEntrySep)
		}
		b.WriteByte(byte(i))
		b.WriteString(content)
	}
	return b.Bytes()
}

// FuzzScanTree runs the whole scan pipeline in-process, as `rampart scan
// DIR --format json` does, over a small tree of files decoded from the
// input, then writes the result with every report writer. It asserts what
// must hold for any repository: no panic and no internal error, the run ends,
// the JSON report is valid, every file written is accounted for, and nothing
// from the outside directory (which holds a canary) is read into a report
// or written to.
func FuzzScanTree(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files, links := decodeFuzzTree(data)
		parent := t.TempDir()
		repo, outside := filepath.Join(parent, "repo"), filepath.Join(parent, "outside")
		writeFuzzTree(t, repo, outside, files, links)
		before := snapshot(t, parent)

		var res *result.Result
		var stdout, stderr bytes.Buffer
		a := newApp(&stdout, &stderr, nil)
		a.scan = func(ctx context.Context, opts analyzer.Options) (*result.Result, error) {
			r, err := analyzer.Scan(ctx, opts)
			res = r
			return r, err
		}
		a.isTerminal = func(io.Writer) bool { return false }
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		code := a.run(ctx, []string{"scan", repo, "--format", "json"})
		if ctx.Err() != nil {
			t.Fatalf("the scan did not end within 30 s")
		}
		out := stdout.String() + stderr.String()
		if strings.Contains(strings.ToLower(out), "internal error") {
			t.Fatalf("internal error (exit %d):\n%s", code, clip(out))
		}
		if strings.Contains(out, hostileCanary) {
			t.Fatalf("the canary from outside the tree reached the output:\n%s", clip(out))
		}
		if res != nil {
			checkFuzzResult(t, res, repo, files, stdout.Bytes())
		} else if code != exitUntrusted {
			t.Fatalf("no scan result but exit %d:\n%s", code, clip(out))
		}
		// The only write allowed is a report that .rampart.yaml's output
		// names inside the repository; no input may change.
		after := snapshot(t, parent)
		for p, desc := range after {
			if b, ok := before[p]; ok && b != desc {
				t.Fatalf("%s was changed by the scan", p)
			} else if !ok && !strings.HasPrefix(p, "repo/") {
				t.Fatalf("%s was created outside the repository", p)
			}
		}
		for p := range before {
			if _, ok := after[p]; !ok {
				t.Fatalf("%s was removed by the scan", p)
			}
		}
	})
}

// checkFuzzResult checks one scan result: a valid JSON report on stdout,
// every file of the tree accounted for (itself, or a directory above it),
// and every writer able to write the result without a canary or a panic.
func checkFuzzResult(t *testing.T, res *result.Result, repo string, files map[string][]byte, stdout []byte) {
	t.Helper()
	if len(stdout) > 0 && !json.Valid(stdout) {
		t.Fatalf("the JSON report is not valid JSON:\n%s", clip(string(stdout)))
	}
	listed := map[string]bool{}
	for _, f := range res.Files {
		abs := f.Path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(res.Root, abs)
		}
		if rel, err := filepath.Rel(repo, abs); err == nil {
			listed[filepath.ToSlash(rel)] = true
		}
		if strings.Contains(f.Reason, "internal error") {
			t.Fatalf("internal error for %s: %s", f.Path, f.Reason)
		}
	}
	for name := range files {
		if !accountedFor(name, listed) {
			t.Errorf("%s is not in the file list: %+v", name, res.Files)
		}
	}
	for _, format := range report.Formats() {
		var buf bytes.Buffer
		w := format.New(report.Options{Tool: report.Tool{Name: "rampart", Version: "fuzz"}, Verbose: true})
		if err := w.Write(&buf, res); err != nil {
			t.Fatalf("%s writer: %v", format.Name, err)
		}
		if strings.Contains(buf.String(), hostileCanary) {
			t.Fatalf("the canary from outside the tree reached the %s report:\n%s", format.Name, clip(buf.String()))
		}
		if strings.Contains(strings.ToLower(buf.String()), "internal error") {
			t.Fatalf("internal error in the %s report:\n%s", format.Name, clip(buf.String()))
		}
	}
}

// accountedFor reports whether name or one of its directories is listed.
func accountedFor(name string, listed map[string]bool) bool {
	for p := name; p != "." && p != "/"; p = filepath.Dir(p) {
		if listed[p] {
			return true
		}
	}
	return listed["."]
}

// writeFuzzTree writes the repository (a .git directory, the files, the
// links) and the outside directory holding the canary.
func writeFuzzTree(t *testing.T, repo, outside string, files map[string][]byte, links map[string]string) {
	t.Helper()
	put := func(path string, content []byte) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	put(filepath.Join(outside, "secret.tf"), []byte(openSGTerraform(hostileCanary)))
	put(filepath.Join(outside, "secret.yaml"), []byte(openSGTemplate(hostileCanary)))
	put(filepath.Join(outside, "secret.tfvars"), []byte(`name = "`+hostileCanary+`"`+"\n"))
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		put(filepath.Join(repo, filepath.FromSlash(name)), content)
	}
	for name, target := range links {
		p := filepath.Join(repo, filepath.FromSlash(name))
		if _, err := os.Lstat(p); err == nil {
			continue // a file of the tree already has this name
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			continue // a file of the tree stands where a directory would be
		}
		// The target is relative to the repository, as an attacker would
		// commit it; rewrite it relative to the link's directory.
		rel, err := filepath.Rel(filepath.Dir(p), filepath.Join(repo, target))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(rel, p); err != nil {
			t.Fatal(err)
		}
	}
}

// fuzzSeeds are the example project and small trees that reach each front
// end, module loading, nested stacks, plans, the configuration file and the
// boundary.
func fuzzSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	read := func(path string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(path)))
		if err != nil {
			tb.Fatal(err)
		}
		return string(b)
	}
	seeds := [][]byte{
		encodeFuzzTree(map[string]string{
			"main.tf":          read("testdata/examples/terraform/main.tf"),
			"variables.tf":     read("testdata/examples/terraform/variables.tf"),
			"terraform.tfvars": read("testdata/examples/terraform/terraform.tfvars"),
		}),
		encodeFuzzTree(map[string]string{"template.yaml": read("testdata/examples/cloudformation/app.yaml")}),
		encodeFuzzTree(map[string]string{
			"main.tf":            "module \"m\" {\n  source = \"./modules/m\"\n  name   = var.name\n}\n\nvariable \"name\" {}\n",
			"modules/m/main.tf":  "variable \"name\" {}\n\nresource \"aws_security_group\" \"g\" {\n  description = file(\"${path.module}/data.txt\")\n  ingress = [{ from_port = 22, to_port = 22, protocol = \"tcp\", cidr_blocks = [\"0.0.0.0/0\"], description = var.name, ipv6_cidr_blocks = [], prefix_list_ids = [], security_groups = [], self = false }]\n}\n",
			"modules/m/data.txt": "described",
			"terraform.tfvars":   "name = \"app\"\n",
		}),
		encodeFuzzTree(map[string]string{
			"template.yaml":     nestedStackTemplate("./nested/child.yaml"),
			"nested/child.yaml": openSGTemplate("Child"),
		}),
		encodeFuzzTree(map[string]string{
			"template.json": `{"AWSTemplateFormatVersion" : "2010-09-09", "Resources" : {"B" : {"Type" : "AWS::S3::Bucket"}}}`,
			".rampart.yaml": "fail_on: HIGH\nexclude: [\"nested/**\"]\ncfn_param_files: [params.json]\n",
			"params.json":   `[{"ParameterKey": "Env", "ParameterValue": "prod"}]`,
		}),
		encodeFuzzTree(map[string]string{
			"plan.json": `{"format_version":"1.2","terraform_version":"1.11.4","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"bucket":"b"}}]}},"configuration":{"root_module":{}}}`,
		}),
		encodeFuzzTree(map[string]string{
			"main.tf":                         "module \"m\" {\n  source = \"../outside\"\n}\n\nresource \"aws_security_group\" \"g\" {\n  description = file(\"../outside/secret.tfvars\")\n}\n",
			".terraform/modules/modules.json": `{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"m","Source":"../outside","Dir":"../outside"}]}`,
		}),
	}
	// Configuration that excludes everything, or names a broken policy.
	seeds = append(seeds,
		encodeFuzzTree(map[string]string{".rampart.yaml": "exclude: [\"**\"]\n", "main.tf": "resource \"aws_security_group\" \"g\" {}\n"}),
		encodeFuzzTree(map[string]string{".rampart.yaml": "policy_dirs: [policies]\n", "policies/p.rego": "package p\n\ndeny contains x if {\n", "template.yaml": openSGTemplate("G")}),
		encodeFuzzTree(map[string]string{".rampart.yaml": "output: report.json\nformat: json\n", "template.yaml": openSGTemplate("G")}),
	)
	// Symlinks: a .tf file and a module directory pointing outside, a
	// dangling link.
	seeds = append(seeds, append(encodeFuzzTree(map[string]string{"main.tf": "module \"m\" {\n  source = \"./modules/x\"\n}\n"}),
		[]byte(fuzzEntrySep+"\xF2linked.tf"+fuzzEntrySep+"\xF5modules/x"+fuzzEntrySep+"\xF6dangling.yaml")...))
	return seeds
}
