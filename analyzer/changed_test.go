package analyzer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// changedRepo is a repository as a pre-commit hook sees it: a root module
// calling a shared module with a value from its variables file, a second
// root with a finding of its own, and a parent template nesting a child
// with a parameter. Every finding is AWS-SG-002 (an admin port open to the
// world), each at a line the tests name.
var changedRepo = map[string]string{
	"tf/app/main.tf": `module "web" {
  source = "../modules/sg"
  cidrs  = var.admin_cidrs
}

resource "aws_security_group" "app" {
  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
	"tf/app/variables.tf": `variable "admin_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}
`,
	"tf/app/terraform.tfvars": "admin_cidrs = [\"0.0.0.0/0\"]\n",
	"tf/app/prod.tfvars":      "admin_cidrs = [\"0.0.0.0/0\"]\n",
	"tf/modules/sg/main.tf": `variable "cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
`,
	"tf/modules/sg/terraform.tfvars": "cidrs = [\"192.0.2.0/24\"]\n",
	"tf/other/main.tf": `resource "aws_security_group" "other" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
	"cfn/parent.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: stacks/child.yaml
      Parameters:
        Cidr: !Ref AdminCidr
  ParentSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: parent
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: 0.0.0.0/0
`,
	"cfn/stacks/child.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Cidr:
    Type: String
Resources:
  ChildSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: child
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref Cidr
`,
	"cfn/unrelated.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Description: mentions child.yaml but nests nothing
Resources:
  Topic:
    Type: AWS::SNS::Topic
`,
	"README.md":       "# infra\n",
	"scripts/lint.py": "print('hi')\n",
}

func TestScanOfNamedFilesReportsWhatTheyBearOn(t *testing.T) {
	dir := writeFiles(t, changedRepo)
	cases := []struct {
		name  string
		paths []string
		// want are the findings reported, as "file:line".
		want []string
		// undecided is how many undecided results are reported.
		undecided int
	}{
		{
			// The module is evaluated through the root that calls it:
			// its variable has the root's value, so the finding is
			// there; the root's own finding is not the module's.
			name:  "a shared module, through its caller",
			paths: []string{"tf/modules/sg/main.tf"},
			want:  []string{"tf/modules/sg/main.tf:10"},
		},
		{
			// The value came from the variables file: the finding in
			// the module is reported for it.
			name:  "the root's variables file",
			paths: []string{"tf/app/terraform.tfvars"},
			want:  []string{"tf/modules/sg/main.tf:10"},
		},
		{
			// A changed module call may have added the call or changed
			// what it passes: what the instance yields is reported.
			name:  "the root's file with the module call",
			paths: []string{"tf/app/main.tf"},
			want:  []string{"tf/app/main.tf:11", "tf/modules/sg/main.tf:10"},
		},
		{
			name:  "a root file no finding goes through",
			paths: []string{"tf/app/variables.tf"},
		},
		{
			// Terraform reads neither a child module's terraform.tfvars
			// nor a variables file not named terraform.tfvars or
			// *.auto.tfvars without -var-file.
			name:  "variables files Terraform does not read",
			paths: []string{"tf/modules/sg/terraform.tfvars", "tf/app/prod.tfvars"},
		},
		{
			name:  "files rampart does not read",
			paths: []string{"README.md", "scripts/lint.py"},
		},
		{
			// The child is evaluated through its parent, with the
			// parameter it passes (no undecided result from a
			// standalone analysis); the parent's own finding is not
			// the child's.
			name:  "a nested template, through its parent",
			paths: []string{"cfn/stacks/child.yaml"},
			want:  []string{"cfn/stacks/child.yaml:14"},
		},
		{
			name:  "a parent template with its nested stack",
			paths: []string{"cfn/parent.yaml"},
			want:  []string{"cfn/parent.yaml:21", "cfn/stacks/child.yaml:14"},
		},
		{
			// A directory among the paths is scanned whole.
			name:  "a directory and a file",
			paths: []string{"tf/other", "cfn/stacks/child.yaml"},
			want:  []string{"cfn/stacks/child.yaml:14", "tf/other/main.tf:6"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var paths []string
			for _, p := range c.paths {
				paths = append(paths, filepath.Join(dir, filepath.FromSlash(p)))
			}
			res, err := Scan(context.Background(), Options{Paths: paths, Root: dir, Boundary: dir, Rules: []string{"AWS-SG-002"}})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Errors {
				t.Errorf("error: %s", d.Error())
			}
			if got := findingLines(t, dir, res); !slices.Equal(got, c.want) {
				t.Errorf("findings %q, want %q", got, c.want)
			}
			if len(res.Undecided) != c.undecided {
				t.Errorf("undecided: %+v", res.Undecided)
			}
		})
	}
}

func TestScanOfNamedFilesAccountsForEveryNamedFile(t *testing.T) {
	dir := writeFiles(t, changedRepo)
	named := map[string]result.FileStatus{
		"tf/modules/sg/main.tf":          result.FileScanned,
		"tf/app/terraform.tfvars":        result.FileScanned,
		"tf/modules/sg/terraform.tfvars": result.FileIgnored,
		"tf/app/prod.tfvars":             result.FileIgnored,
		"cfn/stacks/child.yaml":          result.FileScanned,
		"README.md":                      result.FileIgnored,
		"scripts/lint.py":                result.FileIgnored,
	}
	var paths []string
	for p := range named {
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(p)))
	}
	res, err := Scan(context.Background(), Options{Paths: paths, Root: dir, Boundary: dir, Rules: []string{"AWS-SG-002"}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]result.File{}
	for _, f := range res.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		got[filepath.ToSlash(rel)] = f
	}
	for p, status := range named {
		f, ok := got[p]
		switch {
		case !ok:
			t.Errorf("%s: not accounted for", p)
		case f.Status != status:
			t.Errorf("%s: %s (%s), want %s", p, f.Status, f.Reason, status)
		case status == result.FileIgnored && f.Reason == "":
			t.Errorf("%s: ignored without a reason", p)
		}
	}
	// Only what the named files need is read: not the other root, not a
	// template that merely mentions a nested template's name.
	for _, p := range []string{"tf/other/main.tf", "cfn/unrelated.yaml"} {
		if f, ok := got[p]; ok {
			t.Errorf("%s read for nothing: %+v", p, f)
		}
	}
}

func findingLines(t *testing.T, dir string, res *Result) []string {
	t.Helper()
	var out []string
	for _, f := range res.Findings {
		rel, err := filepath.Rel(dir, f.Location.File)
		if err != nil || strings.HasPrefix(rel, "..") {
			t.Fatalf("finding outside the tree: %s", f.Location)
		}
		out = append(out, fmt.Sprintf("%s:%d", filepath.ToSlash(rel), f.Location.StartLine))
	}
	slices.Sort(out)
	return out
}

func TestScanOfNamedFilesNamesWhatItAddsAsTheUserNamesFiles(t *testing.T) {
	// The repository root is above the working directory: the root module
	// the walk finds is under it and is named relative to it, like the
	// named file, not by the walk's absolute path.
	dir := writeFiles(t, changedRepo)
	t.Chdir(filepath.Join(dir, "tf"))
	res, err := Scan(context.Background(), Options{Paths: []string{"modules/sg/main.tf"}, Boundary: dir, Rules: []string{"AWS-SG-002"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %+v", res.Findings)
	}
	f := res.Findings[0]
	if f.Location.File != filepath.Join("modules", "sg", "main.tf") || f.Instances[0].Root != "app" {
		t.Errorf("finding at %s, root %s; want modules/sg/main.tf through app", f.Location.File, f.Instances[0].Root)
	}
	for _, file := range res.Files {
		if filepath.IsAbs(file.Path) {
			t.Errorf("file listed as %s", file.Path)
		}
	}
}
