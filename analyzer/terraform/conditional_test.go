package terraform

import (
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestConditionalRecordsTheBranch: a value chosen by a conditional whose
// condition is known says which branch was taken, at the condition, and
// what the condition reads; an unknown condition adds no such hop.
func TestConditionalRecordsTheBranch(t *testing.T) {
	u := loadFiles(t, map[string]string{
		"main.tf": `variable "env" {
  default = "dev"
}

variable "office" {
  default = "10.0.0.0/8"
}

locals {
  public = var.env != "prod"
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = local.public ? ["0.0.0.0/0"] : [var.office]
  }
}

resource "aws_s3_bucket" "b" {
  bucket = var.env == "prod" ? "prod-logs" : "dev-logs"
  acl    = timestamp() == "" ? "private" : "public-read"
}
`,
	})
	noErrors(t, u)
	notes := func(v *graph.Value) string {
		var ns []string
		for _, h := range v.Trace {
			ns = append(ns, h.Location.String()+" "+h.Note)
		}
		return strings.Join(ns, "; ")
	}
	sg := u.Resource("aws_security_group.web")
	cidr := sg.Attrs.At(graph.Path{"ingress", 0, "cidr_blocks", 0})
	if got := notes(cidr); !strings.Contains(got, "main.tf:18:19 conditional is true (decided by local.public)") {
		t.Errorf("cidr trace = %q, want the conditional's branch and local.public", got)
	}
	b := u.Resource("aws_s3_bucket.b")
	if got := notes(b.Attrs.Get("bucket")); !strings.Contains(got, "conditional is false (decided by var.env)") {
		t.Errorf("bucket trace = %q", got)
	}
	if got := notes(b.Attrs.Get("acl")); strings.Contains(got, "conditional") {
		t.Errorf("an unknown condition recorded a branch: %q", got)
	}
}
