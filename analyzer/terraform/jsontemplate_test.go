package terraform

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

const jsonTemplateModule = `variable "table" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = "logs"
}

resource "aws_iam_policy" "heredoc" {
  policy = <<-EOF
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": ["s3:GetObject", "dynamodb:${var.table == "" ? "*" : "GetItem"}"],
          "Resource": [
            "${aws_s3_bucket.b.arn}",
            "${aws_s3_bucket.b.arn}/*"
          ]
        }
      ]
    }
  EOF
}

resource "aws_iam_policy" "shape" {
  policy = <<EOF
{"Statement": ${jsonencode(aws_s3_bucket.b.arn)}}
EOF
}

resource "aws_iam_policy" "text" {
  policy = "not json ${aws_s3_bucket.b.arn}"
}
`

func TestJSONTemplateKeepsTheDocumentTree(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": jsonTemplateModule})
	noErrors(t, u)
	policy := func(id string) *graph.Value {
		t.Helper()
		r := u.Resource(id)
		if r == nil {
			t.Fatalf("no resource %s", id)
		}
		return r.Attrs.Get("policy")
	}
	p := policy("aws_iam_policy.heredoc")
	if !p.IsUnknown() || p.Decoded == nil {
		t.Fatalf("heredoc = %#v with tree %#v, want an Unknown string with its tree", p, p.Decoded)
	}
	stmt := p.Decoded.At(graph.Path{"Statement", 0})
	tests := []struct {
		path graph.Path
		want string
		line int
	}{
		{graph.Path{"Effect"}, `"Allow"`, 14},
		{graph.Path{"Action", 0}, `"s3:GetObject"`, 15},
		{graph.Path{"Action", 1}, `(unknown)`, 15},
		{graph.Path{"Resource", 0}, `(unknown aws_s3_bucket.b.arn)`, 17},
		{graph.Path{"Resource", 1}, `(unknown)`, 18},
	}
	for _, tt := range tests {
		got := stmt.At(tt.path)
		if got.GoString() != tt.want || got.Loc.StartLine != tt.line {
			t.Errorf("%s = %#v at %s, want %s at line %d", tt.path, got, got.Loc, tt.want, tt.line)
		}
	}
	if stmt.Loc.StartLine != 13 {
		t.Errorf("statement at %s, want line 13", stmt.Loc)
	}
	if r := stmt.At(graph.Path{"Resource", 1}); r.Reason != "computed attribute aws_s3_bucket.b.arn" {
		t.Errorf("reason = %q", r.Reason)
	}
	for _, id := range []string{"aws_iam_policy.shape", "aws_iam_policy.text"} {
		if p := policy(id); p.Decoded != nil {
			t.Errorf("%s: a template that is not a JSON document with unknown strings has a tree: %#v", id, p.Decoded)
		}
	}
}
