package cloudformation

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// compareJSONReaders reads src with the scanner and with encoding/json's
// tokens. Where the scanner reads it, the nodes and diagnostics must be
// the decoder's; where it gives up, the decoder must fail, or find a top
// level that is not an object. It returns whether the scanner read src.
func compareJSONReaders(t *testing.T, src []byte) bool {
	t.Helper()
	var want graph.Diagnostics
	wantNode := decodeJSON("t.json", src, newLineIndex(src), &want)
	got, diags, ok := scanJSON("t.json", src, newLineIndex(src))
	compareShape(t, src, ok, got)
	if !ok {
		if wantNode != nil && wantNode.kind == nMap {
			t.Errorf("the scanner gave up on an object the decoder reads: %q", src)
		}
		return false
	}
	if wantNode == nil {
		t.Errorf("the scanner read what the decoder rejects (%v): %q", want, src)
		return true
	}
	if !reflect.DeepEqual(got, wantNode) {
		t.Errorf("nodes differ for %q:\n got %s\nwant %s", src, dumpNode(got), dumpNode(wantNode))
	}
	if !reflect.DeepEqual(diags, want) {
		t.Errorf("diagnostics differ for %q:\n got %v\nwant %v", src, diags, want)
	}
	return true
}

// compareShape checks scanJSONShape against scanJSON: it accepts what
// scanJSON reads, and sees the top-level keys of the tree scanJSON builds.
func compareShape(t *testing.T, src []byte, scanned bool, tree *node) {
	t.Helper()
	shape, ok := scanJSONShape(src)
	if ok != scanned {
		t.Errorf("scanJSONShape ok = %v, scanJSON ok = %v: %q", ok, scanned, src)
		return
	}
	if !ok {
		return
	}
	res := tree.get("Resources")
	want := jsonShape{formatVersion: tree.get("AWSTemplateFormatVersion") != nil, resourcesMap: res != nil && res.kind == nMap}
	if shape != want {
		t.Errorf("scanJSONShape = %+v, the tree has %+v: %q", shape, want, src)
	}
}

// dumpNode renders a node with its locations, for failure messages.
func dumpNode(n *node) string {
	var b strings.Builder
	var walk func(*node, string)
	walk = func(n *node, indent string) {
		fmt.Fprintf(&b, "%s%s %q %v %d:%d-%d:%d\n", indent, n.kindName(), n.str, n.num,
			n.loc.StartLine, n.loc.StartCol, n.loc.EndLine, n.loc.EndCol)
		for i, k := range n.keys {
			fmt.Fprintf(&b, "%s  key %q %d:%d-%d:%d\n", indent, k.name, k.loc.StartLine, k.loc.StartCol, k.loc.EndLine, k.loc.EndCol)
			walk(n.vals[i], indent+"    ")
		}
		for _, e := range n.list {
			walk(e, indent+"  ")
		}
	}
	walk(n, "")
	return b.String()
}

var (
	validJSON = []string{
		`{}`,
		" \r\n\t{ } \n",
		`{"a":{},"b":[],"c":[{}],"d":[[]],"e":[[],{}]}`,
		`{"a":"x\"y\\z\/\b\f\n\r\t\u00e9\ud83d\ude00"}`,
		`{"lone surrogate":"\ud800", "reversed":"\udc00\ud800"}`,
		"{\"invalid UTF-8\":\"\xff\xfe\", \"key \xc3\":1}",
		`{"héllo":"wörld","日本":"語"}`,
		`{"n":[0,-0,1.5,-1.5e10,1E+2,1e-2,0.1,-0.0e-0,123456789012345678901234567890,1e400]}`,
		`{"a":true,"b":false,"c":null}`,
		`{"a":1,"a":2,"a":3}`,
		`{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k3":"again","k10":10,"k9":"again"}`,
		`{"\u0041":1,"A":2}`,
		"{\r\n  \"Resources\" : {\r\n    \"B\" : { \"Type\" : \"AWS::S3::Bucket\" }\r\n  }\r\n}\r\n",
		`{"deep":` + strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth) + `}`,
		`{"a":"` + strings.Repeat("x", 5000) + `"}`,
		`{"Resources": [], "AWSTemplateFormatVersion": "2010-09-09"}`,
		`{"Resources": {}, "Resources": 1}`,
		`{"Resources": 1, "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		`{"Re\u0073ources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		`{"x": {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}, "AWSTemplateFormatVersion": 1}}`,
	}
	invalidJSON = []string{
		``, `{`, `}`, `{"a":1,}`, `{"a" 1}`, `{"a":01}`, `{"a":1.}`, `{"a":-}`, `{"a":.5}`, `{"a":+1}`,
		`{"a":1e}`, `{"a":1e+}`, `{"a":NaN}`, `{"a":tru}`, `{"a":truex}`, `{"a":nul}`, "{\"a\":\"\x01\"}",
		`{"a":"\q"}`, `{"a":"\u12"}`, `{"a":"\u12g4"}`, `{"a":1} x`, `{"a":1}{}`, `{"a":[1,]}`,
		`{"a":[1 2]}`, `{"a":"b`, `{"a":1`, `{"a":[`, `{1:2}`, `{"a":1,,"b":2}`, `{,}`, `{"a":'b'}`,
		`{"deep":` + strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1) + `}`,
		"\ufeff{}", "{\"a\":1}\x00",
	}
	otherTopLevels = []string{`[]`, `[{"a":1}]`, `"x"`, `1`, `null`, `true`}
)

func TestScanJSONMatchesDecoder(t *testing.T) {
	for _, src := range validJSON {
		if !compareJSONReaders(t, []byte(src)) {
			t.Errorf("the scanner gave up on valid JSON: %q", src)
		}
	}
	for _, src := range append(invalidJSON, otherTopLevels...) {
		if compareJSONReaders(t, []byte(src)) {
			t.Errorf("the scanner read %q, which the decoder must report", src)
		}
	}
}

// TestScanJSONFixtures compares the two readers on every JSON file of the
// project's test data: templates, plans, expectations.
func TestScanJSONFixtures(t *testing.T) {
	read := 0
	err := filepath.WalkDir("../../testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		t.Run(path, func(t *testing.T) {
			if compareJSONReaders(t, src) {
				read++
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if read < 100 {
		t.Errorf("the scanner read only %d JSON files of the test data", read)
	}
}

func FuzzScanJSON(f *testing.F) {
	for _, src := range append(append(validJSON, invalidJSON...), otherTopLevels...) {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		compareJSONReaders(t, src)
	})
}

// TestDetectJSONShortcut checks that deciding JSON from its top-level keys
// alone gives what deciding it from its tree gives.
func TestDetectJSONShortcut(t *testing.T) {
	texts := append(append(append([]string{}, validJSON...), invalidJSON...), otherTopLevels...)
	texts = append(texts,
		`{"Resources": "Fn::Rain::Embed"}`,
		`{"Resources": ["AWS::S3::Bucket"]}`,
		`{"metadata": {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}}`,
		`{"\u0041WSTemplateFormatVersion": 1, "Resources": 1}`,
		`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}, "Resources": null}`,
		`{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		"\ufeff{\"Resources\": []}",
	)
	for _, text := range texts {
		for _, path := range []string{"t.json", "t.template"} {
			src := []byte(text)
			got := Detect(path, src)
			if !bytes.Contains(src, []byte("Resources")) && !bytes.Contains(src, []byte("AWSTemplateFormatVersion")) {
				continue // decided before either
			}
			want := detectParsed(path, src)
			if got.Kind != want.Kind || got.Reason != want.Reason {
				t.Errorf("Detect(%s, %q) = %v %q, from the tree %v %q", path, text, got.Kind, got.Reason, want.Kind, want.Reason)
			}
		}
	}
}
