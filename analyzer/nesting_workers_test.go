package analyzer

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// TestNestingOfOnEveryCore checks that reading the templates for nested
// stacks on several cores finds what reading them one by one finds, with
// each template's parents in path order, and keeps the parse of each
// parent as parsing it later would give it.
func TestNestingOfOnEveryCore(t *testing.T) {
	files := map[string]string{
		"shared.yaml": "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
		"notes.json":  `{"name": "not a template"}`,
	}
	for i := range 12 {
		// Each parent includes the next and the shared template.
		files[fmt.Sprintf("p%02d.yaml", i)] = fmt.Sprintf("Resources:\n"+
			"  Next:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./p%02d.yaml\n"+
			"  Shared:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./shared.yaml\n", i+1)
	}
	files["p12.yaml"] = "Resources:\n  Missing:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./gone.yaml\n"
	dir := writeFiles(t, files)
	var paths []string
	for name := range files {
		paths = append(paths, filepath.Join(dir, name))
	}
	paths = sortedCopy(paths)
	bounds, err := newBoundaries([]string{dir}, "")
	if err != nil {
		t.Fatal(err)
	}
	want := nestingOf(context.Background(), paths, bounds, Options{Workers: 1}, nil)
	if got := want.parents[filepath.Join(dir, "shared.yaml")]; len(got) != 12 {
		t.Fatalf("shared.yaml has %d parents, want 12: %v", len(got), got)
	}
	for _, workers := range []int{2, 3, 8} {
		ahead := newReadAhead(readAheadBudget)
		got := nestingOf(context.Background(), paths, bounds, Options{Workers: workers}, ahead)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers:\n got %+v\nwant %+v", workers, got, want)
		}
		// The thirteen parents are kept parsed, the others read.
		if len(ahead.parsed) != 13 || len(ahead.files)+len(ahead.parsed) != len(paths) {
			t.Errorf("%d workers: %d files read ahead and %d parsed, want %d parsed of %d", workers, len(ahead.files), len(ahead.parsed), 13, len(paths))
		}
		for path, p := range ahead.parsed {
			u, f, unmarked := parseStructuredFrom(context.Background(), path, bounds.of(path), Options{}, nil)
			if !reflect.DeepEqual(p, parsedTemplate{u, f, unmarked}) {
				t.Errorf("%s: the parse kept differs from parsing the file", path)
			}
		}
	}
}
