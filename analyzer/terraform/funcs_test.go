package terraform

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestFileSandbox checks that the file functions read below the scan root
// and nowhere else, whatever route the path takes.
func TestFileSandbox(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("s3cr3t"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		expr  string
		want  string // GoString of the value
		error string // substring of the one expected error diagnostic
	}{
		{name: "inside", expr: `file("${path.module}/data.txt")`, want: `"hello"`},
		{name: "relative to the root module", expr: `file("data.txt")`, want: `"hello"`},
		{name: "fileexists inside", expr: `fileexists("data.txt")`, want: "true"},
		{name: "templatefile", expr: `templatefile("tpl.txt", { name = "x" })`, want: `"hi x"`},
		{name: "absolute outside", expr: `file("` + secret + `")`, want: "(unknown)", error: "outside the repository root"},
		{name: "dot-dot outside", expr: `file("../` + filepath.Base(outside) + `/secret.txt")`, want: "(unknown)", error: "outside the repository root"},
		{name: "symlink outside", expr: `file("link.txt")`, want: "(unknown)", error: "outside the repository root"},
		{name: "home", expr: `file("~/.aws/credentials")`, want: "(unknown)", error: "outside the repository root"},
		{name: "fileexists outside", expr: `fileexists("` + secret + `")`, want: "(unknown)", error: "outside the repository root"},
		{name: "fileset pattern", expr: `fileset(".", "../**")`, want: "(unknown)", error: "may leave the repository root"},
		{name: "template reading outside", expr: `templatefile("evil.tpl", {})`, want: "(unknown)", error: "outside the repository root"},
		{name: "hash outside", expr: `filesha256("` + secret + `")`, want: "(unknown)", error: "outside the repository root"},
		{name: "core alias outside", expr: `core::file("` + secret + `")`, want: "(unknown)", error: "outside the repository root"},
		{name: "templatestring reading outside", expr: `templatestring(local.evil, {})`, want: "(unknown)", error: "outside the repository root"},
		{name: "templatestring inside", expr: `templatestring(local.tpl, { name = "y" })`, want: `"hi y"`},
		{name: "template recursion", expr: `templatefile("self.tpl", {})`, want: "(unknown)", error: "cannot call templatefile from inside a template"},
		{name: "impure", expr: `uuid()`, want: "(unknown)"},
		{name: "pure", expr: `cidrsubnet("10.0.0.0/16", 8, 2)`, want: `"10.0.2.0/24"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "root")
			files := map[string]string{
				"data.txt": "hello",
				"tpl.txt":  "hi ${name}",
				"evil.tpl": `${file("` + secret + `")}`,
				"self.tpl": `${templatefile("self.tpl", {})}`,
				"main.tf":  "resource \"x_y\" \"z\" {\n  v = " + tc.expr + "\n}\n\nlocals {\n  tpl = \"hi $${name}\"\n  evil = \"$${file(\\\"" + secret + "\\\")}\"\n}\n",
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, body := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.Symlink(secret, filepath.Join(dir, "link.txt")); err != nil {
				t.Fatal(err)
			}
			// The outside directory is reachable with ../ from dir only
			// when it is a sibling; make it one.
			if err := os.Symlink(outside, filepath.Join(parent, filepath.Base(outside))); err != nil {
				t.Fatal(err)
			}
			units := LoadModules(context.Background(), []string{dir}, Options{Root: dir})
			r := units[0].Resource("x_y.z")
			if r == nil {
				t.Fatalf("no resource; diagnostics %v", units[0].Diagnostics)
			}
			if got := r.Attrs.Get("v").GoString(); got != tc.want {
				t.Errorf("v = %s, want %s", got, tc.want)
			}
			var errs []string
			for _, d := range units[0].Diagnostics {
				if d.Severity == graph.SeverityError {
					errs = append(errs, d.Error())
				}
			}
			switch {
			case tc.error == "" && len(errs) > 0:
				t.Errorf("unexpected errors %v", errs)
			case tc.error != "" && (len(errs) != 1 || !strings.Contains(errs[0], tc.error) || !strings.Contains(errs[0], "main.tf:2")):
				t.Errorf("errors %v, want one at main.tf:2 containing %q", errs, tc.error)
			}
		})
	}
}

// TestFunctionsInModule checks what the function table means for the
// front-end: sensitive() and friends use the mark sensitive variables
// carry, reference marks survive nonsensitive() (so edges do), and
// provider-defined functions are Unknown.
func TestFunctionsInModule(t *testing.T) {
	dir := t.TempDir()
	main := `variable "secret" {
  type      = string
  default   = "s3cr3t"
  sensitive = true
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "x_y" "z" {
  marked     = sensitive("x")
  unmarked   = nonsensitive(var.secret)
  is_secret  = issensitive(var.secret)
  not_secret = issensitive("x")
  derived    = upper(var.secret)
  cidr       = nonsensitive(aws_vpc.main.cidr_block)
  arn        = provider::aws::arn_build("aws", "s3", "", "", "b")
  starts     = startswith("arn:aws:${aws_vpc.main.id}", "arn:")
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	u := LoadModules(context.Background(), []string{dir}, Options{Root: dir})[0]
	if len(u.Diagnostics) > 0 {
		t.Fatalf("diagnostics %v", u.Diagnostics)
	}
	r := u.Resource("x_y.z")
	if r == nil {
		t.Fatal("no resource x_y.z")
	}
	tests := []struct {
		attr      string
		want      string
		sensitive bool
	}{
		{attr: "marked", want: `"x"`, sensitive: true},
		{attr: "unmarked", want: `"s3cr3t"`},
		{attr: "is_secret", want: "true"},
		{attr: "not_secret", want: "false"},
		{attr: "derived", want: `"S3CR3T"`, sensitive: true},
		{attr: "cidr", want: `"10.0.0.0/16"`},
		{attr: "arn", want: "(unknown)"},
		{attr: "starts", want: "true"},
	}
	for _, tc := range tests {
		v := r.Attrs.Get(tc.attr)
		if got := v.GoString(); got != tc.want || v.Sensitive != tc.sensitive {
			t.Errorf("%s = %s (sensitive %v), want %s (sensitive %v)", tc.attr, got, v.Sensitive, tc.want, tc.sensitive)
		}
	}
	found := false
	for _, e := range u.Edges {
		if e.From == "x_y.z" && e.To == "aws_vpc.main" && e.Attr == "cidr_block" && e.Path.String() == "cidr" {
			found = true
		}
	}
	if !found {
		t.Errorf("no edge x_y.z -> aws_vpc.main.cidr_block at cidr in %v", u.Edges)
	}
}
