package analyzer

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// repoLayout is a repository whose root module under tests/ calls a shared
// module that renders a template kept at the repository's top, the layout
// of terraform-aws-modules' examples.
var repoLayout = map[string]string{
	"repo/modules/x/main.tf": `variable "name" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = templatefile("${path.module}/../../templates/x.tpl", { name = var.name })
}
`,
	"repo/templates/x.tpl": `bucket-${name}`,
	"repo/tests/x/main.tf": `module "x" {
  source = "../../modules/x"
  name   = "a"
}
`,
	"repo/tests/escape/main.tf": `resource "aws_s3_bucket" "c" {
  bucket = file("../../../secret.txt")
}
`,
	"repo/tests/outside/main.tf": `module "o" {
  source = "../../../elsewhere"
}
`,
	"elsewhere/main.tf": `resource "aws_s3_bucket" "o" {}
`,
	"secret.txt": `top secret`,
	"repo/stacks/parent.yaml": `Resources:
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ../nested/child.yaml
`,
	"repo/nested/child.yaml": `Resources:
  Bucket:
    Type: AWS::S3::Bucket
`,
}

// TestBoundaryIsTheRepositoryRoot scans from inside the repository, as
// `cd tests/x && rampart scan .` does: the module, its template and a
// nested stack one directory up are all inside the boundary; anything
// above the repository root is an error at the reference.
func TestBoundaryIsTheRepositoryRoot(t *testing.T) {
	tests := []struct {
		name string
		// git is how the repository root is marked: "dir" (a clone),
		// "file" (a worktree or submodule) or "" (no repository).
		git      string
		scan     string
		boundary string // Options.Boundary, relative to the temporary directory
		want     map[string]string
		errors   []string // "file:line text"
	}{
		{
			name: "module template from a nested root module", git: "dir", scan: "repo/tests/x",
			want: map[string]string{"module.x.aws_s3_bucket.b": "bucket-a"},
		},
		{
			name: "git file of a worktree", git: "file", scan: "repo/tests/x",
			want: map[string]string{"module.x.aws_s3_bucket.b": "bucket-a"},
		},
		{
			name: "no repository: the scanned path is the boundary", git: "", scan: "repo/tests/x",
			errors: []string{"repo/tests/x/main.tf:2 outside the repository root"},
		},
		{
			name: "explicit boundary", git: "", scan: "repo/tests/x", boundary: "repo",
			want: map[string]string{"module.x.aws_s3_bucket.b": "bucket-a"},
		},
		{
			name: "file function above the repository root", git: "dir", scan: "repo/tests/escape",
			errors: []string{"repo/tests/escape/main.tf:2 outside the repository root"},
		},
		{
			name: "module source above the repository root", git: "dir", scan: "repo/tests/outside",
			errors: []string{"repo/tests/outside/main.tf:2 Module source outside the repository root"},
		},
		{
			name: "nested stack beside the scanned directory", git: "dir", scan: "repo/stacks",
			want: map[string]string{"Child/Bucket": ""},
		},
		{
			name: "nested stack without a repository", git: "", scan: "repo/stacks",
			errors: []string{"repo/stacks/parent.yaml:5 outside"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, repoLayout)
			switch tc.git {
			case "dir":
				if err := os.Mkdir(filepath.Join(dir, "repo", ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
			case "file":
				if err := os.WriteFile(filepath.Join(dir, "repo", ".git"), []byte("gitdir: ../main/.git/worktrees/repo\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			opts := Options{Paths: []string{filepath.Join(dir, tc.scan)}, Root: filepath.Join(dir, tc.scan)}
			if tc.boundary != "" {
				opts.Boundary = filepath.Join(dir, tc.boundary)
			}
			opts, err := opts.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			units, _, err := readAll(context.Background(), opts)
			if err != nil {
				t.Fatal(err)
			}
			var errs []string
			got := map[string]string{}
			for _, u := range units {
				for _, d := range u.Diagnostics {
					if d.Severity == graph.SeverityError {
						rel, _ := filepath.Rel(dir, d.Location.File)
						errs = append(errs, filepath.ToSlash(rel)+":"+strconv.Itoa(d.Location.StartLine)+" "+d.Error())
					}
				}
				for _, r := range u.Resources {
					got[r.ID], _ = r.Attrs.Get("bucket").AsString()
					if r.Type == "AWS::S3::Bucket" {
						got[r.ID] = ""
					}
				}
			}
			for id, want := range tc.want {
				if v, ok := got[id]; !ok || v != want {
					t.Errorf("resource %s bucket = %q (present %v), want %q; resources %v", id, v, ok, want, got)
				}
			}
			if len(errs) != len(tc.errors) {
				t.Fatalf("errors = %q, want %q", errs, tc.errors)
			}
			for i, want := range tc.errors {
				loc, text, _ := strings.Cut(want, " ")
				if !strings.HasPrefix(errs[i], loc+" ") || !strings.Contains(errs[i], text) {
					t.Errorf("error %d = %q, want %q", i, errs[i], want)
				}
			}
		})
	}
}

func TestBoundaryOfSeveralPaths(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a/.git/HEAD":     "",
		"a/sub/main.tf":   "",
		"b/.git/HEAD":     "",
		"b/main.tf":       "",
		"plain/x/main.tf": "",
		"plain/y.yaml":    "",
	})
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	b, err := newBoundaries([]string{at("a/sub"), at("b"), at("plain/x"), at("plain/y.yaml"), at("a/sub/main.tf")}, "")
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"a/sub/main.tf":   "a",
		"b/main.tf":       "b",
		"plain/x/main.tf": "plain/x",
		"plain/y.yaml":    "plain",
		"a/sub":           "a", // the directory of a .tf file scanned alone
	} {
		if got := b.of(at(path)); got != at(want) {
			t.Errorf("boundary of %s = %s, want %s", path, got, at(want))
		}
	}
	if _, err := newBoundaries([]string{at("b")}, at("a")); err == nil || !strings.Contains(err.Error(), "outside the boundary") {
		t.Errorf("a scan path outside an explicit boundary: err = %v, want one saying so", err)
	}
}

// TestBoundaryForPlanConfiguration: a plan in a nested root module locates
// the resources of a module it calls with "../../modules/net" in that
// module's .tf files when they are inside the repository, and in the plan
// file when they are not.
func TestBoundaryForPlanConfiguration(t *testing.T) {
	web := filepath.Join("..", "testdata", "terraform", "plan", "web")
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(web, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(string(b), `"./modules/net"`, `"../../modules/net"`)
	}
	for _, git := range []bool{true, false} {
		dir := writeFiles(t, map[string]string{
			"repo/tests/p/plan.json":   read("plan.json"),
			"repo/tests/p/main.tf":     read("main.tf"),
			"repo/modules/net/main.tf": read("modules/net/main.tf"),
		})
		if git {
			if err := os.Mkdir(filepath.Join(dir, "repo", ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		scan := filepath.Join(dir, "repo", "tests", "p")
		opts, err := Options{Paths: []string{scan}, Root: scan}.withDefaults()
		if err != nil {
			t.Fatal(err)
		}
		units, _, err := readAll(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 1 || units[0].Source != graph.SourceTerraformPlan {
			t.Fatalf("units = %v, want the plan alone", units)
		}
		want := filepath.Join(dir, "repo", "modules", "net", "main.tf")
		if !git {
			want = filepath.Join(scan, "plan.json")
		}
		if r := units[0].Resource("module.net.aws_vpc.this"); r == nil || r.Loc.File != want {
			t.Errorf("repository %v: module.net.aws_vpc.this = %+v, want it in %s", git, r, want)
		}
	}
}
