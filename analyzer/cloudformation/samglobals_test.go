package cloudformation

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestSAMGlobals checks the Globals section as samtranslator 1.110 does
// (run through cfn-lint 1.51): the cases it rejects are errors at the key,
// the ones it accepts are silent and merged.
func TestSAMGlobals(t *testing.T) {
	const head = "Transform: AWS::Serverless-2016-10-31\n"
	const fn = "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.h\n      InlineCode: x\n"
	cases := []struct {
		name, globals string
		want          []string // line: message part
	}{
		{"valid", "Globals:\n  Function:\n    Runtime: python3.12\n  Api:\n    Name: x\n", nil},
		{"empty map", "Globals: {}\n", nil},
		{"a list", "Globals:\n  - Function\n", []string{"3: Globals must be a map of sections, got a list"}},
		{"null", "Globals:\n", []string{"2: Globals must be a map of sections, got null"}},
		{"unknown section", "Globals:\n  Lambda:\n    Runtime: python3.12\n", []string{`3: section "Lambda" is not supported; it must be one of Api, CapacityProvider, Function`}},
		{"property SAM does not merge", "Globals:\n  Function:\n    Runtime: python3.12\n    Role: arn:aws:iam::123456789012:role/x\n", []string{"5: Role is not a property Globals may set for Function"}},
		{"section not a map", "Globals:\n  Function: [a]\n", []string{"3: Globals section Function must be a map of properties, got a list"}},
		{"intrinsic function as a section", "Globals:\n  Function: !If [C, {Runtime: python3.12}, {}]\n", []string{"3: Fn::If is not a property Globals may set for Function"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := Parse(context.Background(), "t.yaml", []byte(head+tc.globals+fn), Options{})
			var got []string
			for _, d := range u.Diagnostics {
				if d.Severity == graph.SeverityError {
					got = append(got, fmt.Sprintf("%d: %s", d.Location.StartLine, d.Summary))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("errors = %q, want %q", got, tc.want)
			}
			for i, w := range tc.want {
				line, msg, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], msg) {
					t.Errorf("error %d = %q, want %q", i, got[i], w)
				}
			}
			if tc.want == nil && len(u.Resources) == 0 {
				t.Error("a valid template produced no resources")
			}
		})
	}
}
