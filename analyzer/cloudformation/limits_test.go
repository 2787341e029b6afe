package cloudformation

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile(fixtures + name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// wantError requires an error diagnostic at line containing msg.
func wantError(t *testing.T, u *graph.Unit, line int, msg string) {
	t.Helper()
	for _, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError && strings.Contains(d.Summary, msg) && (line == 0 || d.Location.StartLine == line) {
			return
		}
	}
	t.Errorf("no error at line %d containing %q; got %v", line, msg, u.Diagnostics)
}

func TestLimits(t *testing.T) {
	deepJSON := `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": ` +
		strings.Repeat("[", MaxDepth+10) + strings.Repeat("]", MaxDepth+10) + `}}}}`
	deepYAML := "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags: " +
		strings.Repeat("[", MaxDepth+10) + strings.Repeat("]", MaxDepth+10) + "\n"
	names := make([]string, MaxForEachExpansions+1)
	for i := range names {
		names[i] = fmt.Sprintf("n%d", i)
	}
	big := "AWSTemplateFormatVersion: '2010-09-09'\n# " + strings.Repeat("x", MaxFileSize) + "\n"
	cases := []struct {
		name, path, src string
		opts            Options
		line            int
		msg             string
	}{
		{"nesting depth JSON", "deep.json", deepJSON, Options{}, 1, "nests deeper than 256 levels"},
		{"nesting depth YAML", "deep.yaml", deepYAML, Options{}, 5, "nests deeper than 256 levels"},
		{"file size", "big.yaml", big, Options{}, 1, "more than the 10485760-byte limit"},
		{"Fn::ForEach copies", "foreach.yaml", string(readFixture(t, "foreach.yaml")),
			Options{Params: map[string]string{"Names": strings.Join(names, ",")}}, 8, "Fn::ForEach loops make more than 10000 copies"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u := Parse(context.Background(), tc.path, []byte(tc.src), tc.opts)
			wantError(t, u, tc.line, tc.msg)
		})
	}
}

func TestParseCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	u := Parse(ctx, "basic.yaml", readFixture(t, "basic.yaml"), Options{})
	wantError(t, u, 0, "parse stopped: context canceled")
	if len(u.Resources) != 0 {
		t.Errorf("a cancelled parse produced %d resources", len(u.Resources))
	}
}

func TestParseNeverPanicsOnOddShapes(t *testing.T) {
	srcs := []string{
		"",
		"null",
		"[]",
		"Resources: 5",
		"Resources:\n  A: 5\n",
		"Resources:\n  A:\n    Type: [1]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties: [1]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !If [1]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Select [-1, [a]]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Sub '${unterminated'\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Cidr [10.0.0.0/8, 300, 8]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !GetAtt [A]\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !FindInMap [M, a, b]\n",
		"Parameters: 3\nConditions: 4\nMappings: 5\nOutputs: 6\nResources: {}\n",
		"Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: !Ref AWS::StackName\n",
		"Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      Fn::ForEach::X: 3\n",
		"Resources:\n  Fn::ForEach::X: [a, [b], 3]\n",
		"Conditions:\n  C: !Equals [1]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Condition: C\n",
		"Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events: {E: {Type: Api}}\n      Policies: [3]\n",
	}
	for i, src := range srcs {
		u := Parse(context.Background(), fmt.Sprintf("odd%d.yaml", i), []byte(src), Options{})
		if u == nil {
			t.Fatalf("case %d: nil unit", i)
		}
		for _, d := range u.Diagnostics {
			if strings.Contains(d.Summary, "internal error") {
				t.Errorf("case %d (%q): %s", i, src, d.Summary)
			}
		}
	}
}

// TestParseRecoversPanics misuses the API (a nil context makes the first
// cancellation check panic) to prove a panic becomes a diagnostic.
func TestParseRecoversPanics(t *testing.T) {
	var ctx context.Context
	u := Parse(ctx, "basic.yaml", readFixture(t, "basic.yaml"), Options{})
	if len(u.Diagnostics) == 0 {
		t.Fatal("no diagnostic")
	}
	d := u.Diagnostics[len(u.Diagnostics)-1]
	if d.Severity != graph.SeverityError || !strings.HasPrefix(d.Summary, "internal error while parsing the template") ||
		d.Location.File != "basic.yaml" || !strings.Contains(d.Detail, "goroutine") {
		t.Errorf("diagnostic = %+v", d)
	}
}

// TestParseConcurrent parses templates from several goroutines at once, as
// the scan does; run with -race it proves there is no shared mutable state.
func TestParseConcurrent(t *testing.T) {
	files := []string{"basic.yaml", "sam.yaml", "nested/parent.yaml", "pretty.json", "foreach.yaml"}
	want := make([]string, len(files))
	srcs := make([][]byte, len(files))
	for i, f := range files {
		want[i] = fmt.Sprint(len(parseFixture(t, f, Options{}).Resources))
		srcs[i] = readFixture(t, f)
	}
	done := make(chan error, 4*len(files))
	for range 4 {
		for i, f := range files {
			go func() {
				u := Parse(context.Background(), fixtures+f, srcs[i], Options{Root: fixtures})
				if got := fmt.Sprint(len(u.Resources)); got != want[i] {
					done <- fmt.Errorf("%s: %s resources, want %s", f, got, want[i])
					return
				}
				done <- nil
			}()
		}
	}
	for range 4 * len(files) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
