//go:build unix

package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/terraform"
)

// canary is the secret kept beside the repository: no read may bring it
// into a diagnostic, a resource or the file list.
const canary = "CANARY-7c3e-do-not-print"

// outsideFiles are kept next to the repository, each holding the canary
// in a form its reader would echo back.
var outsideFiles = map[string]string{
	"outside/secret.tf":      `resource "aws_s3_bucket" "leak" { bucket = "` + canary + `" }` + "\n",
	"outside/secret.tfvars":  `name = "` + canary + `"` + "\n",
	"outside/mod/main.tf":    `resource "aws_s3_bucket" "leak" { bucket = "` + canary + `" }` + "\n",
	"outside/child.yaml":     "Resources:\n  Leak:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: " + canary + "\n",
	"outside/modules.json":   `{"Modules":[{"Key":"r","Source":"x","Dir":"../outside/mod"}]}`,
	"repo/.git/HEAD":         "ref: refs/heads/main\n",
	"repo/shared/vers.tf":    `resource "aws_s3_bucket" "shared" { bucket = "shared" }` + "\n",
	"repo/modules/m/main.tf": `resource "aws_s3_bucket" "inmod" { bucket = "inmod" }` + "\n",
}

const (
	bucketTF    = `resource "aws_s3_bucket" "ok" { bucket = "ok" }` + "\n"
	varBucketTF = "variable \"name\" {\n  type = string\n  default = \"d\"\n}\nresource \"aws_s3_bucket\" \"v\" { bucket = var.name }\n"
	moduleTF    = "module \"m\" {\n  source = \"./m\"\n}\n"
	parentYAML  = "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: child.yaml\n"
)

// TestReadsStayInsideTheRepository builds, for each case, a repository
// beside a directory holding a canary and commits a symbolic link, a FIFO
// or a link to a device where a front-end reads. The scan ends within a
// time bound, fails the reference with an error located at it, accounts
// for each file by what was really read, and never carries the canary.
func TestReadsStayInsideTheRepository(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		links map[string]string // link -> target (relative to the link's directory, or absolute)
		fifos []string
		scan  string
		vars  []terraform.VarArg
		// errs are "file:line text" error diagnostics expected (each
		// present; no others).
		errs []string
		// status are "status reason" for files of the list.
		status map[string]string
		// resources are IDs that must have been read.
		resources []string
	}{
		{
			name:   "tf file linked outside",
			files:  map[string]string{"repo/tf/main.tf": bucketTF},
			links:  map[string]string{"repo/tf/leak.tf": "../../outside/secret.tf"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/leak.tf:1 outside the repository root"},
			status: map[string]string{"repo/tf/leak.tf": "failed outside the repository root", "repo/tf/main.tf": "scanned"},
		},
		{
			name:      "tf file linked inside",
			files:     map[string]string{"repo/tf/main.tf": bucketTF},
			links:     map[string]string{"repo/tf/vers.tf": "../shared/vers.tf"},
			scan:      "repo/tf",
			status:    map[string]string{"repo/tf/vers.tf": "scanned", "repo/tf/main.tf": "scanned"},
			resources: []string{"aws_s3_bucket.ok", "aws_s3_bucket.shared"},
		},
		{
			name:   "tf file linked to /dev/zero",
			files:  map[string]string{"repo/tf/main.tf": bucketTF},
			links:  map[string]string{"repo/tf/zero.tf": "/dev/zero"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/zero.tf:1 outside the repository root"},
			status: map[string]string{"repo/tf/zero.tf": "failed"},
		},
		{
			name:   "tf file that is a FIFO",
			files:  map[string]string{"repo/tf/main.tf": bucketTF},
			fifos:  []string{"repo/tf/fifo.tf"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/fifo.tf:1 not a regular file (a named pipe)"},
			status: map[string]string{"repo/tf/fifo.tf": "failed not a regular file"},
		},
		{
			name:   "tfvars linked outside",
			files:  map[string]string{"repo/tf/main.tf": varBucketTF},
			links:  map[string]string{"repo/tf/terraform.tfvars": "../../outside/secret.tfvars"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/terraform.tfvars:1 outside the repository root"},
			status: map[string]string{"repo/tf/terraform.tfvars": "failed"},
		},
		{
			name:   "tfvars linked to /dev/zero",
			files:  map[string]string{"repo/tf/main.tf": varBucketTF},
			links:  map[string]string{"repo/tf/terraform.tfvars": "/dev/zero"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/terraform.tfvars:1 outside the repository root"},
			status: map[string]string{"repo/tf/terraform.tfvars": "failed"},
		},
		{
			name:   "tfvars that is a FIFO",
			files:  map[string]string{"repo/tf/main.tf": varBucketTF},
			fifos:  []string{"repo/tf/x.auto.tfvars"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/x.auto.tfvars:1 not a regular file"},
			status: map[string]string{"repo/tf/x.auto.tfvars": "failed"},
		},
		{
			name:  "--var-file /dev/zero",
			files: map[string]string{"repo/tf/main.tf": varBucketTF},
			scan:  "repo/tf",
			vars:  []terraform.VarArg{{File: "/dev/zero"}},
			errs:  []string{"/dev/zero:1 not a regular file (a character device)"},
		},
		{
			name:  "file() of a FIFO",
			files: map[string]string{"repo/tf/main.tf": "resource \"aws_s3_bucket\" \"f\" {\n  bucket = file(\"${path.module}/pipe\")\n}\n"},
			fifos: []string{"repo/tf/pipe"},
			scan:  "repo/tf",
			errs:  []string{"repo/tf/main.tf:2 not a regular file (a named pipe)"},
		},
		{
			name:   "module directory linked outside",
			files:  map[string]string{"repo/tf/main.tf": moduleTF},
			links:  map[string]string{"repo/tf/m": "../../outside/mod"},
			scan:   "repo/tf",
			errs:   []string{"repo/tf/main.tf:2 Module source outside the repository root"},
			status: map[string]string{"repo/tf/m": "ignored symbolic link to a directory"},
		},
		{
			name:      "module directory linked inside",
			files:     map[string]string{"repo/tf/main.tf": moduleTF},
			links:     map[string]string{"repo/tf/m": "../modules/m"},
			scan:      "repo/tf",
			resources: []string{"module.m.aws_s3_bucket.inmod"},
			status: map[string]string{
				"repo/tf/m":         "ignored symbolic link to a directory",
				"repo/tf/m/main.tf": "scanned read with the Terraform root module",
			},
		},
		{
			name:  "module manifest linked outside",
			files: map[string]string{"repo/tf/main.tf": "module \"r\" {\n  source = \"terraform-aws-modules/x/aws\"\n}\n"},
			links: map[string]string{"repo/tf/.terraform/modules/modules.json": "../../../../outside/modules.json"},
			scan:  "repo/tf",
			errs:  []string{"repo/tf/.terraform/modules/modules.json:1 outside the repository root"},
		},
		{
			name: "module manifest entry outside",
			files: map[string]string{
				"repo/tf/main.tf":                         "module \"r\" {\n  source = \"terraform-aws-modules/x/aws\"\n}\n",
				"repo/tf/.terraform/modules/modules.json": `{"Modules":[{"Key":"r","Source":"x","Dir":"../../outside/mod"}]}`,
			},
			scan: "repo/tf",
			errs: []string{"repo/tf/main.tf:2 Module source outside the repository root"},
		},
		{
			name:   "nested stack linked outside",
			files:  map[string]string{"repo/cfn/parent.yaml": parentYAML},
			links:  map[string]string{"repo/cfn/child.yaml": "../../outside/child.yaml"},
			scan:   "repo/cfn",
			errs:   []string{"repo/cfn/parent.yaml:5 outside the repository root"},
			status: map[string]string{"repo/cfn/child.yaml": "failed outside the repository root", "repo/cfn/parent.yaml": "failed"},
		},
		{
			name:   "nested stack linked to /dev/zero",
			files:  map[string]string{"repo/cfn/parent.yaml": parentYAML},
			links:  map[string]string{"repo/cfn/child.yaml": "/dev/zero"},
			scan:   "repo/cfn",
			errs:   []string{"repo/cfn/parent.yaml:5 outside the repository root"},
			status: map[string]string{"repo/cfn/child.yaml": "ignored not a regular file (a character device)"},
		},
		{
			name:   "nested stack that is a FIFO",
			files:  map[string]string{"repo/cfn/parent.yaml": parentYAML},
			fifos:  []string{"repo/cfn/child.yaml"},
			scan:   "repo/cfn",
			errs:   []string{"repo/cfn/parent.yaml:5 not a regular file (a named pipe)"},
			status: map[string]string{"repo/cfn/child.yaml": "ignored not a regular file (a named pipe)"},
		},
		{
			name:   "scan path that is a FIFO",
			fifos:  []string{"repo/cfn/pipe.yaml"},
			scan:   "repo/cfn/pipe.yaml",
			status: map[string]string{"repo/cfn/pipe.yaml": "failed not a regular file"},
		},
		{
			name:      "template linked inside",
			files:     map[string]string{"repo/cfn/real.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"},
			links:     map[string]string{"repo/cfn/alias.yaml": "real.yaml"},
			scan:      "repo/cfn",
			status:    map[string]string{"repo/cfn/alias.yaml": "scanned", "repo/cfn/real.yaml": "scanned"},
			resources: []string{"B"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range outsideFiles {
				files[k] = v
			}
			for k, v := range tc.files {
				files[k] = v
			}
			dir := writeFiles(t, files)
			for name, target := range tc.links {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
					t.Fatal(err)
				}
			}
			for _, name := range tc.fifos {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := syscall.Mkfifo(p, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			scan := filepath.Join(dir, filepath.FromSlash(tc.scan))
			opts, err := Options{Paths: []string{scan}, Root: dir, VarArgs: tc.vars}.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			var units []*graph.Unit
			var list []result.File
			done := make(chan struct{})
			go func() {
				defer close(done)
				units, list, err = readAll(context.Background(), opts)
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("the scan blocked")
			}
			if err != nil {
				t.Fatal(err)
			}
			rel := func(p string) string {
				if r, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(r, "..") {
					return filepath.ToSlash(r)
				}
				return p
			}
			var errs []string
			var everything strings.Builder
			ids := map[string]bool{}
			for _, u := range units {
				for _, d := range u.Diagnostics {
					fmt.Fprintln(&everything, d.Error(), d.Detail)
					if d.Severity == graph.SeverityError {
						errs = append(errs, rel(d.Location.File)+":"+strconv.Itoa(d.Location.StartLine)+" "+d.Error())
					}
				}
				for _, r := range u.Resources {
					ids[r.ID] = true
					fmt.Fprintf(&everything, "%s %v\n", r.ID, r.Attrs)
				}
			}
			for _, want := range tc.errs {
				loc, text, _ := strings.Cut(want, " ")
				found := false
				for _, e := range errs {
					found = found || (strings.HasPrefix(e, loc+" ") && strings.Contains(e, text))
				}
				if !found {
					t.Errorf("no error %q in %q", want, errs)
				}
			}
			if len(errs) > len(tc.errs) {
				t.Errorf("errors = %q, want only %q", errs, tc.errs)
			}
			byPath := map[string]result.File{}
			for _, f := range list {
				byPath[rel(f.Path)] = f
				fmt.Fprintln(&everything, f.Path, f.Reason)
			}
			for path, want := range tc.status {
				status, reason, _ := strings.Cut(want, " ")
				f, ok := byPath[path]
				if !ok || string(f.Status) != status || !strings.Contains(f.Reason, reason) {
					t.Errorf("file %s = %+v (listed %v), want %s with a reason containing %q", path, f, ok, status, reason)
				}
			}
			for _, id := range tc.resources {
				if !ids[id] {
					t.Errorf("resource %s not read; resources %v", id, ids)
				}
			}
			if strings.Contains(everything.String(), canary) {
				t.Errorf("the canary was read:\n%s", everything.String())
			}
		})
	}
}
