package cloudformation

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestSyntaxErrorPositions pins where a broken template's error is
// reported. yaml.v3 names the line where the enclosing collection starts,
// counted from 0; encoding/json counts bytes differently for errors inside
// a value and between values. cfnLint is what cfn-lint 1.51 reports (line:col),
// for comparison: it names the token after the problem, rampart the
// character where the text stops being the beginning of a valid document.
func TestSyntaxErrorPositions(t *testing.T) {
	const head = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n"
	cases := []struct {
		name, file, src string
		want            string // line:col
		cfnLint         string
		msg             string
	}{
		{"less indented key", "t.yaml", head + "    Properties:\n      BucketName: x\n     Foo: y\n", "7:6", "7:6", "did not find expected key"},
		{"more indented key", "t.yaml", head + "      Properties: x\n", "5:17", "5:17", "mapping values are not allowed"},
		{"tab indentation", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n\tType: AWS::S3::Bucket\n", "4:1", "4:1", "cannot start any token"},
		{"tab inside a mapping", "t.yaml", head + "    Properties:\n\t  X: 1\n", "6:1", "6:1", "cannot start any token"},
		{"missing colon", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type AWS::S3::Bucket\n    Properties:\n      X: 1\n", "5:15", "5:15", "mapping values are not allowed"},
		{"list item in a mapping", "t.yaml", head + "    - x\n", "5:5", "5:5", "did not find expected key"},
		{"map key after a list", "t.yaml", head + "    Properties:\n      Tags:\n        - Key: a\n          Value: b\n       Bad: c\n", "9:8", "9:8", "did not find expected key"},
		{"top-level key indented", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n Resources:\n  A: 1\n", "2:2", "2:2", "did not find expected key"},
		{"stray closing bracket", "t.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket}\n    Properties: {}\n  B: ]\n", "6:6", "6:6", "did not find expected node content"},
		{"unclosed flow mapping", "t.yaml", head + "    Properties: {BucketName: x\n  B:\n    Type: AWS::S3::Bucket\n", "5:18", "6:4", "did not find expected ',' or '}'"},
		{"unclosed flow sequence", "t.yaml", head + "    Properties:\n      Tags: [a, b\n  B:\n    Type: AWS::S3::Bucket\n", "6:17", "7:4", "did not find expected ',' or ']'"},
		{"unclosed quote", "t.yaml", head + "    Properties:\n      BucketName: \"x\n", "6:19", "7:1", "found unexpected end of stream"},
		{"block scalar under-indented", "t.yaml", head + "    Properties:\n      X: |\n    bad\n      Y: 1\n", "7:5", "8:8", "could not find expected ':'"},
		{"colon in a plain value", "t.yaml", head + "    Properties:\n      BucketName: a: b\n", "6:20", "6:20", "mapping values are not allowed"},
		{"JSON trailing comma", "t.json", "{\n  \"Resources\": {\n    \"A\": {\"Type\": \"AWS::S3::Bucket\",}\n  }\n}\n", "3:37", "", "looking for beginning of object key"},
		{"JSON missing comma at line start", "t.json", "{\n\"Resources\": {}\n\"Outputs\": {}\n}\n", "3:1", "3:1", "after object key:value pair"},
		{"JSON missing comma", "t.json", "{\n  \"Resources\": {\n    \"A\": {\"Type\": \"AWS::S3::Bucket\"}\n    \"B\": {}\n  }\n}\n", "4:5", "4:5", "after object key:value pair"},
		{"JSON bad literal", "t.json", "{\n  \"Resources\": tru,\n  \"B\": 1}", "2:19", "", "in literal true"},
		{"JSON bad escape", "t.json", "{\n  \"Resources\": \"x\\q\",\n  \"B\": 1}", "2:19", "", "in string escape code"},
		{"JSON truncated", "t.json", "{\n  \"Resources\": {\n", "3:1", "3:1", "unexpected end of JSON input"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags graph.Diagnostics
			if n := parseSource(tc.file, []byte(tc.src), &diags); n != nil {
				t.Fatalf("parsed a broken template")
			}
			if len(diags) != 1 {
				t.Fatalf("want one diagnostic, got %v", diags)
			}
			d := diags[0]
			if got := fmt.Sprintf("%d:%d", d.Location.StartLine, d.Location.StartCol); got != tc.want {
				t.Errorf("error at %s, want %s (cfn-lint: %s): %s", got, tc.want, tc.cfnLint, d.Summary)
			}
			if !strings.Contains(d.Summary, tc.msg) || strings.Contains(d.Summary, "line ") {
				t.Errorf("message %q: want %q and no line number of yaml.v3's", d.Summary, tc.msg)
			}
		})
	}
}

func TestFirstFailingLine(t *testing.T) {
	cases := []struct{ n, hint, first int }{
		{1, 0, 0},
		{10, 0, 0},
		{10, 0, 9},
		{10, 3, 4},
		{10, 3, 3},
		{10, 7, 2}, // the hint is past the problem: search before it
		{100, 5, 77},
		{100, 500, 99},
	}
	for _, tc := range cases {
		parses := 0
		got, ok := firstFailingLine(tc.n, tc.hint, func(i int) bool { parses++; return i >= tc.first })
		if !ok || got != tc.first {
			t.Errorf("n=%d hint=%d: got %d, %v; want %d", tc.n, tc.hint, got, ok, tc.first)
		}
		if parses > 2*tc.n {
			t.Errorf("n=%d hint=%d: %d parses", tc.n, tc.hint, parses)
		}
	}
}

// TestSyntaxErrorDeepInABigMapping is the hostile-input issue's case: a
// fault on line 307, inside a mapping that starts on line 5, was reported at
// line 5 (where yaml.v3 says the enclosing collection starts). cfnLint is
// what cfn-lint 1.51 reports for the same file.
func TestSyntaxErrorDeepInABigMapping(t *testing.T) {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n")
	for i := range 150 { // lines 7 to 306
		fmt.Fprintf(&b, "        - Key: k%d\n          Value: v%d\n", i, i)
	}
	const tail = "  B:\n    Type: AWS::S3::Bucket\n"
	cases := []struct {
		name, fault string
		want        string // line:col
		cfnLint     string
		msg         string
	}{
		{"less indented key", "       Bad: c\n", "307:8", "307:8", "did not find expected key"},
		{"missing colon", "        - Key k\n          Value: v\n", "308:16", "308:16", "mapping values are not allowed"},
		{"tab", "\t- Key: k\n", "307:1", "307:1", "tab character that violates indentation"},
		{"unclosed flow mapping", "        - {Key: k, Value: v\n", "307:20", "308:4", "did not find expected ',' or '}'"},
		{"unclosed quote", "        - Key: \"k\n", "307:16", "310:1", "found unexpected end of stream"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags graph.Diagnostics
			if n := parseSource("t.yaml", []byte(b.String()+tc.fault+tail), &diags); n != nil || len(diags) != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags[0]
			if got := fmt.Sprintf("%d:%d", d.Location.StartLine, d.Location.StartCol); got != tc.want {
				t.Errorf("error at %s, want %s (cfn-lint: %s): %s", got, tc.want, tc.cfnLint, d.Summary)
			}
			if !strings.Contains(d.Summary, tc.msg) {
				t.Errorf("message %q, want %q", d.Summary, tc.msg)
			}
		})
	}
}
