package terraform

import (
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// jsonencodeModule writes a policy through jsonencode three ways: in the
// argument itself, through a local, and through a module input.
const jsonencodeModule = `resource "aws_s3_bucket" "b" {
  bucket = "logs"
}

resource "aws_iam_policy" "direct" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = aws_s3_bucket.b.arn
    }]
  })
}

locals {
  doc = jsonencode({
    Statement = [{
      Effect = "Allow"
      Action = ["s3:GetObject"]
    }]
  })
}

resource "aws_iam_policy" "local" {
  policy = local.doc
}

resource "aws_iam_policy" "known" {
  policy = jsonencode({ Statement = [] })
}

resource "aws_iam_policy" "other" {
  policy = upper("x")
}
`

func TestJSONEncodeKeepsTheArgumentTree(t *testing.T) {
	u := loadFiles(t, map[string]string{"main.tf": jsonencodeModule})
	noErrors(t, u)
	policy := func(id string) *graph.Value {
		t.Helper()
		r := u.Resource(id)
		if r == nil {
			t.Fatalf("no resource %s", id)
		}
		return r.Attrs.Get("policy")
	}

	direct := policy("aws_iam_policy.direct")
	if !direct.IsUnknown() || direct.Decoded == nil {
		t.Fatalf("direct policy = %#v with tree %#v, want an Unknown string with its tree", direct, direct.Decoded)
	}
	stmt := direct.Decoded.At(graph.Path{"Statement", 0})
	action := stmt.Get("Action")
	if action.Str != "*" || action.Loc.StartLine != 10 {
		t.Errorf("Action = %#v at %s, want \"*\" at line 10", action, action.Loc)
	}
	res := stmt.Get("Resource")
	if !res.IsUnknown() || res.Loc.StartLine != 11 || refString(res) != "aws_s3_bucket.b.arn" {
		t.Errorf("Resource = %#v at %s, want the bucket's Unknown arn at line 11", res, res.Loc)
	}
	if stmt.Loc.StartLine != 8 {
		t.Errorf("statement at %s, want line 8", stmt.Loc)
	}
	if direct.Ref != nil {
		t.Errorf("the policy string refers to %s; only its leaf does", refString(direct))
	}

	local := policy("aws_iam_policy.local")
	if local.Kind != graph.KindString || local.Decoded == nil {
		t.Fatalf("policy through a local = %#v, want a known string with its tree", local)
	}
	got := local.Decoded.At(graph.Path{"Statement", 0, "Action", 0})
	if got.Str != "s3:GetObject" || got.Loc.StartLine != 26 || len(got.Trace) == 0 || got.Trace[len(got.Trace)-1].StartLine != 20 {
		t.Errorf("action through a local = %#v at %s via %+v, want at the use (26) via its line (20)", got, got.Loc, got.Trace)
	}

	if known := policy("aws_iam_policy.known"); known.Str != `{"Statement":[]}` || known.Decoded == nil {
		t.Errorf("known policy = %#v, want the encoded string with its tree", known)
	}
	if other := policy("aws_iam_policy.other"); other.Decoded != nil {
		t.Errorf("a string not built by jsonencode has a tree: %#v", other.Decoded)
	}
}

func TestJSONEncodeTreeCrossesAModuleInput(t *testing.T) {
	u := loadFiles(t, map[string]string{
		"main.tf": `module "p" {
  source = "./p"
  policy = jsonencode({
    Statement = [{ Action = "iam:*" }]
  })
}
`,
		"p/main.tf": `variable "policy" {
  type = string
}

resource "aws_iam_policy" "this" {
  policy = var.policy
}
`,
	})
	noErrors(t, u)
	r := u.Resource("module.p.aws_iam_policy.this")
	if r == nil {
		t.Fatal("no module.p.aws_iam_policy.this")
	}
	got := r.Attrs.Get("policy").Decoded.At(graph.Path{"Statement", 0, "Action"})
	if got == nil || got.Str != "iam:*" || !tracesLine(got, 4) {
		t.Errorf("action through a module input = %#v, want \"iam:*\" traced to line 4", got)
	}
}
