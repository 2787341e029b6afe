package policydoc

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func at(line int) graph.Location {
	return graph.Location{File: "main.tf", StartLine: line, EndLine: line}
}

func span(from, to int) graph.Location {
	return graph.Location{File: "main.tf", StartLine: from, EndLine: to}
}

func str(s string, l graph.Location) *graph.Value { return graph.String(s, l) }

func obj(l graph.Location, kv ...any) *graph.Value {
	m := graph.Map(l)
	for i := 0; i < len(kv); i += 2 {
		m.Set(kv[i].(string), kv[i+1].(*graph.Value))
	}
	return m
}

func list(l graph.Location, items ...*graph.Value) *graph.Value { return graph.List(items, l) }

// dump renders every statement and every leaf of a model as
// "path = value @line", the form the tables below assert.
func dump(doc *graph.Value) []string {
	var out []string
	doc.Walk(func(p graph.Path, v *graph.Value) bool {
		switch {
		case len(p) == 2 && p[0] == KeyStatements:
			out = append(out, fmt.Sprintf("%s @%d", p, v.Loc.StartLine))
		case v.Kind != graph.KindList && v.Kind != graph.KindMap:
			out = append(out, fmt.Sprintf("%s = %#v @%d", p, v, v.Loc.StartLine))
		}
		return true
	})
	return out
}

func TestNormalizeSources(t *testing.T) {
	heredoc := `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "s3:GetObject",
      "s3:PutObject"
    ],
    "Resource": "*"
  }
}
`
	// A heredoc's range runs from <<EOF (line 3) to EOF; a YAML literal
	// block's from its | (line 3) to its last content line.
	heredocStr := str(heredoc, span(3, 15))
	yamlBlock := str(heredoc, span(3, 14))
	folded := str(strings.ReplaceAll(heredoc, "\n", " "), span(3, 14))
	fromVar := str(`{"Statement":[{"Effect":"Deny","NotAction":"iam:*","Resource":"*"}]}`, at(9))
	fromVar.Trace = graph.Trace{{Location: at(2), Note: "default of variable policy"}}

	// jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = aws_s3_bucket.b.arn }] })
	encoded := graph.Unknown("computed attribute aws_s3_bucket.b.arn", span(20, 27))
	encoded.Decoded = obj(span(20, 27),
		"Statement", list(span(21, 26), obj(span(22, 25),
			"Effect", str("Allow", at(23)),
			"Action", str("*", at(24)),
			"Resource", graph.UnknownRef("aws_s3_bucket.b", "arn", "computed attribute aws_s3_bucket.b.arn", at(25)),
		)),
	)

	// A CloudFormation trust policy with a bool condition value and an
	// intrinsic left Unknown.
	cfn := obj(span(40, 52),
		"Statement", list(at(41),
			obj(at(42),
				"Effect", str("Allow", at(43)),
				"Principal", str("*", at(44)),
				"Action", str("sts:AssumeRole", at(45)),
				"Condition", obj(at(46), "Bool", obj(at(47), "aws:MultiFactorAuthPresent", graph.Bool(true, at(47)))),
			),
			obj(at(48),
				"Effect", str("Allow", at(49)),
				"Principal", obj(at(50), "AWS", list(at(50), str("arn:aws:iam::111122223333:root", at(50)), graph.Unknown("Fn::ImportValue shared", at(51)))),
				"Action", str("sts:AssumeRole", at(52)),
			),
		),
	)

	undecided := graph.Unknown("condition IsProd depends on parameter Env, which has no value", at(61))
	cfnIf := obj(at(60), "Statement", undecided)

	rep := obj(at(70), "Effect", str("Allow", at(71)), "Action", str("s3:*", at(72)))
	rep.Representative = true
	dynamic := obj(at(69), "Statement", list(at(69), rep))

	tests := []struct {
		name string
		doc  *graph.Value
		want []string
		// absent lists entries that must not appear.
		absent []string
	}{
		{
			name: "heredoc: each statement and action at its own line",
			doc:  heredocStr,
			want: []string{
				`version = "2012-10-17" @5`,
				`statements[0] @6`,
				`statements[0].effect = "Allow" @7`,
				`statements[0].actions[0] = "s3:GetObject" @9`,
				`statements[0].actions[1] = "s3:PutObject" @10`,
				`statements[0].resources[0] = "*" @12`,
				`statements[0].sid = "" @6`,
			},
		},
		{
			name: "YAML literal block: content from the line after the header",
			doc:  yamlBlock,
			want: []string{`statements[0].actions[1] = "s3:PutObject" @10`},
		},
		{
			name: "folded text: lines do not match, everything at the string",
			doc:  folded,
			want: []string{`statements[0].actions[1] = "s3:PutObject" @3`},
		},
		{
			name: "a string from elsewhere sits at its use",
			doc:  fromVar,
			want: []string{
				`statements[0].effect = "Deny" @9`,
				`statements[0].not_actions[0] = "iam:*" @9`,
				`version = "2008-10-17" @9`,
			},
		},
		{
			name: "jsonencode tree: literal action kept, unknown resource at its line",
			doc:  encoded,
			want: []string{
				`statements[0] @22`,
				`statements[0].actions[0] = "*" @24`,
				`statements[0].resources = (unknown aws_s3_bucket.b.arn) @25`,
			},
		},
		{
			name: "CloudFormation object: principal \"*\", bool condition, unknown identifier",
			doc:  cfn,
			want: []string{
				`statements[0].principals.AWS[0] = "*" @44`,
				`statements[0].conditions.Bool.aws:MultiFactorAuthPresent[0] = "true" @47`,
				`statements[1] @48`,
				`statements[1].principals.AWS[0] = "arn:aws:iam::111122223333:root" @50`,
				`statements[1].principals.AWS[1] = (unknown) @51`,
				`statements[1].actions[0] = "sts:AssumeRole" @52`,
			},
		},
		{
			name: "Statement chosen by an undecidable condition is Unknown as a whole",
			doc:  cfnIf,
			want: []string{`statements = (unknown) @61`},
		},
		{
			name:   "a statement list of unknown length is Unknown as a whole",
			doc:    dynamic,
			want:   []string{`statements = (unknown) @69`},
			absent: []string{`statements[0] @70`},
		},
		{
			name: "an Unknown string without a tree is an unknown document",
			doc:  graph.Unknown("variable policy has no value", at(80)),
			want: []string{`statements = (unknown) @80`, `version = (unknown) @80`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Normalize(tt.doc, nil)
			if len(diags) > 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			got := dump(doc)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %s in\n%s", w, strings.Join(got, "\n"))
				}
			}
			for _, a := range tt.absent {
				if slices.Contains(got, a) {
					t.Errorf("unexpected %s", a)
				}
			}
		})
	}
}

func TestUnknownStaysAtItsPlace(t *testing.T) {
	enc := graph.Unknown("x", at(1))
	enc.Decoded = obj(at(1), "Statement", list(at(2), obj(at(3),
		"Effect", str("Allow", at(4)),
		"Action", graph.Unknown("variable actions has no value", at(5)),
		"Resource", list(at(6), str("arn:aws:s3:::a", at(6)), graph.Unknown("computed", at(7))),
	)))
	doc, _ := Normalize(enc, nil)
	actions := doc.At(graph.Path{KeyStatements, 0, KeyActions})
	if !actions.IsUnknown() || actions.Reason != "variable actions has no value" || actions.Loc != at(5) {
		t.Errorf("actions = %#v at %s (%s), want the Unknown at line 5", actions, actions.Loc, actions.Reason)
	}
	res := doc.At(graph.Path{KeyStatements, 0, KeyResources})
	if len(res.List) != 2 || !res.List[1].IsUnknown() || res.List[1].Loc != at(7) {
		t.Errorf("resources = %#v, want the known ARN and an Unknown at line 7", res)
	}
}

func TestInvalidJSONIsADiagnosticAtItsLine(t *testing.T) {
	tests := []struct {
		name string
		doc  *graph.Value
		line int
	}{
		{
			name: "heredoc: the line of the bad byte",
			doc:  str("{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}\n", span(10, 16)),
			line: 13,
		},
		{
			name: "truncated one-line string: the string",
			doc:  str(`{"Statement": [`, at(4)),
			line: 4,
		},
		{
			name: "not an object",
			doc:  str(`["s3:GetObject"]`, at(7)),
			line: 7,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Normalize(tt.doc, nil)
			if len(diags) != 1 || diags[0].Severity != graph.SeverityError || diags[0].Location.StartLine != tt.line {
				t.Fatalf("diagnostics = %v, want one error at line %d", diags, tt.line)
			}
			if s := doc.Get(KeyStatements); !s.IsUnknown() {
				t.Errorf("statements of an invalid document = %#v, want Unknown", s)
			}
		})
	}
}

func TestNullDocumentIsNil(t *testing.T) {
	if doc, diags := Normalize(graph.Null(at(1)), nil); doc != nil || diags != nil {
		t.Errorf("Normalize(null) = %#v, %v", doc, diags)
	}
}
