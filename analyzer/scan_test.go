package analyzer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestNestedStackIsAnalysedOnceWithItsParentsParameters(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"parent.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: stacks/child.yaml
      Parameters:
        AdminCidr: 0.0.0.0/0
`,
		"stacks/child.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
`,
	})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-002"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("got %d findings, want 1 (the child through its parent): %+v", len(res.Findings), res.Findings)
	}
	f := res.Findings[0]
	if !strings.HasSuffix(f.Location.File, "child.yaml") || f.Location.StartLine != 14 {
		t.Errorf("finding at %s, want child.yaml:14", f.Location)
	}
	if len(res.Undecided) != 0 {
		t.Errorf("the child was also analysed alone: undecided %+v", res.Undecided)
	}
	var child *result.File
	for i := range res.Files {
		if strings.HasSuffix(res.Files[i].Path, "child.yaml") {
			child = &res.Files[i]
		}
	}
	if child == nil || child.Status != result.FileScanned || !strings.Contains(child.Reason, "nested stack of") {
		t.Errorf("child file record = %+v", child)
	}
}

func TestEveryFileIsAccountedFor(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.tf":                 "resource \"aws_security_group\" \"a\" {\n  description = \"a\"\n}\n",
		"orphan/prod.tfvars":      "x = 1\n",
		"k8s/deploy.yaml":         "apiVersion: apps/v1\nkind: Deployment\n",
		"broken.yaml":             "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B: [\n",
		"notes.txt":               "hello\n",
		"node_modules/x/t.yaml":   "AWSTemplateFormatVersion: '2010-09-09'\n",
		"excluded/skip/t.yaml":    "AWSTemplateFormatVersion: '2010-09-09'\n",
		".terraform/modules/m.tf": "resource \"x\" \"y\" {}\n",
		"stack.json":              `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
	})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Exclude: []string{"excluded/**"}})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]result.FileStatus{}
	for _, f := range res.Files {
		rel, _ := filepath.Rel(dir, f.Path)
		status[filepath.ToSlash(rel)] = f.Status
		if f.Status != result.FileScanned && f.Reason == "" {
			t.Errorf("%s is %s without a reason", rel, f.Status)
		}
	}
	want := map[string]result.FileStatus{
		"main.tf":            result.FileScanned,
		"stack.json":         result.FileScanned,
		"orphan/prod.tfvars": result.FileIgnored,
		"k8s/deploy.yaml":    result.FileIgnored,
		"notes.txt":          result.FileIgnored,
		"broken.yaml":        result.FileFailed,
		"node_modules":       result.FileIgnored,
		".terraform":         result.FileIgnored,
		"excluded":           result.FileIgnored,
	}
	for path, st := range want {
		if status[path] != st {
			t.Errorf("%s: status %q, want %q", path, status[path], st)
		}
	}
	if len(status) != len(want) {
		t.Errorf("files accounted: %v", status)
	}
	if len(res.Errors) == 0 || res.Errors[0].Location.StartLine == 0 {
		t.Errorf("the broken template's error has no line: %+v", res.Errors)
	}
}

func TestUnreadablePathFailsTheScan(t *testing.T) {
	_, err := Scan(context.Background(), Options{Paths: []string{filepath.Join(t.TempDir(), "missing")}})
	if err == nil {
		t.Fatal("scanning a missing path succeeded")
	}
}

func TestPlanBesideItsConfigurationIsAnalysedOnce(t *testing.T) {
	dir := "../testdata/terraform/plan/web"
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Rules: []string{"AWS-SG-002"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("got %d AWS-SG-002 findings, want 1 (from the plan only): %+v", len(res.Findings), res.Findings)
	}
	if f := res.Findings[0]; filepath.Base(f.Location.File) != "main.tf" {
		t.Errorf("finding located at %s, want the configuration's main.tf", f.Location)
	}
	for _, f := range res.Files {
		if f.Status != result.FileScanned {
			t.Errorf("%s: %s (%s)", f.Path, f.Status, f.Reason)
		}
	}
}

// A dynamic block over an unknown for_each stands for any number of rules:
// the rule count is undecided, not a count of one.
func TestDynamicBlockOverUnknownMakesRuleCountUndecided(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.tf": `variable "extra" {
  type = list(number)
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "web"
  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  dynamic "ingress" {
    for_each = var.extra
    content {
      description = "extra"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
`})
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Rules: []string{"AWS-SG-011"},
		RuleConfig: map[string]any{"max_ingress_rules": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 || len(res.Undecided) != 1 {
		t.Fatalf("findings %+v, undecided %+v; want one undecided", res.Findings, res.Undecided)
	}
	if u := res.Undecided[0]; u.Path != "ingress_count" || u.Location.StartLine != 15 {
		t.Errorf("undecided at %s %s", u.Path, u.Location)
	}
}

// A file larger than any template is decided from its beginning, at once,
// without reading it whole.
func TestOversizedFiles(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"huge.yaml":  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n",
		"data.json":  `{"rows": [`,
		"small.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n",
	})
	for _, name := range []string{"huge.yaml", "data.json"} {
		if err := os.Truncate(filepath.Join(dir, name), 100<<20); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), Options{Paths: []string{dir}, Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]result.FileStatus{}
	for _, f := range res.Files {
		got[filepath.Base(f.Path)] = f.Status
	}
	if got["huge.yaml"] != result.FileFailed || got["data.json"] != result.FileIgnored {
		t.Errorf("statuses %v", got)
	}
	if len(res.Errors) != 1 || res.Errors[0].Location.StartLine != 1 || !strings.Contains(res.Errors[0].Summary, "template limit") {
		t.Errorf("errors %+v", res.Errors)
	}
}
