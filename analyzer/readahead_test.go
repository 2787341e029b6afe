package analyzer

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestReadAheadBudget(t *testing.T) {
	r := newReadAhead(10)
	r.keep("a", []byte("12345"))
	r.keep("b", []byte("123456")) // over what is left
	r.keep("c", []byte("12345"))
	r.keep("empty", []byte{})
	if got := r.take("b"); got != nil {
		t.Errorf("b was kept past the budget: %q", got)
	}
	if got := r.take("a"); string(got) != "12345" {
		t.Errorf("take(a) = %q", got)
	}
	if got := r.take("a"); got != nil {
		t.Errorf("a was taken twice: %q", got)
	}
	r.keep("d", []byte("12345")) // a's room is free again
	if got := r.take("d"); string(got) != "12345" {
		t.Errorf("take(d) = %q", got)
	}
	if got := r.take("empty"); got == nil || len(got) != 0 {
		t.Errorf("an empty file kept reads as %#v, want empty bytes", got)
	}
	big := newReadAhead(readAheadBudget)
	big.keep("large", make([]byte, readAheadFile+1))
	if big.take("large") != nil {
		t.Error("a file over readAheadFile was kept")
	}
	var none *readAhead
	none.keep("x", []byte("y"))
	if none.take("x") != nil {
		t.Error("a nil readAhead returned bytes")
	}
}

// TestParsedAheadBudget: a parse is kept within the budget of its
// source's bytes, taken once, and lets go of the bytes kept for the file.
func TestParsedAheadBudget(t *testing.T) {
	r := newReadAhead(readAheadBudget)
	r.parsedBudget = 10
	r.keep("a", []byte("12345"))
	u := &graph.Unit{Path: "a"}
	r.keepParsed("a", 5, parsedTemplate{u: u, f: result.File{Path: "a"}})
	r.keepParsed("b", 6, parsedTemplate{u: &graph.Unit{Path: "b"}}) // over what is left
	if r.take("a") != nil {
		t.Error("the bytes of a parsed file are still kept")
	}
	if p, ok := r.takeParsed("a"); !ok || p.u != u || p.f.Path != "a" {
		t.Errorf("takeParsed(a) = %+v, %v", p, ok)
	}
	if _, ok := r.takeParsed("a"); ok {
		t.Error("a parse was taken twice")
	}
	if _, ok := r.takeParsed("b"); ok {
		t.Error("b was kept past the budget")
	}
	var none *readAhead
	none.keepParsed("x", 1, parsedTemplate{})
	if _, ok := none.takeParsed("x"); ok {
		t.Error("a nil readAhead returned a parse")
	}
}

// TestParseStructuredFromMatchesRead checks that parsing bytes read ahead
// gives what reading the file gives: unit, file record, and whether the
// suppression stage may skip it.
func TestParseStructuredFromMatchesRead(t *testing.T) {
	utf16LE := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return string(b)
	}
	files := map[string]string{
		"parent.yaml": "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n",
		"child.yaml":  "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    # rampart:ignore AWS-S3-001 -- test\n",
		"t.json":      `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`,
		"broken.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n",
		"notes.yaml":  "name: ci\n",
		"utf16.yaml":  utf16LE("Resources:\n  B:\n    Type: AWS::S3::Bucket\n"),
		"plan.json":   `{"format_version":"1.2","planned_values":{"root_module":{}}}`,
		"empty.yaml":  "",
		"big.json":    `{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"Tags": [` + strings.Repeat(`{"Key":"k","Value":"v"},`, 1000) + `{"Key":"k","Value":"v"}]}}}}`,
	}
	dir := writeFiles(t, files)
	for name := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			whole, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			wu, wf, wm := parseStructured(context.Background(), path, dir, Options{Workers: 1})
			gu, gf, gm := parseStructuredFrom(context.Background(), path, dir, Options{Workers: 1}, whole)
			if !reflect.DeepEqual(gu, wu) || !reflect.DeepEqual(gf, wf) || gm != wm {
				t.Errorf("from bytes read ahead:\n got %+v %+v %v\nwant %+v %+v %v", gu, gf, gm, wu, wf, wm)
			}
		})
	}
}
