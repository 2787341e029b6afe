package cloudformation

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestParseDetectedMatchesParse checks that parsing from the tree Detect
// made gives the unit a fresh parse gives, for every template fixture
// (nested stacks, SAM, Fn::ForEach, broken intrinsics, duplicate keys),
// and that the tree was taken rather than parsed again.
func TestParseDetectedMatchesParse(t *testing.T) {
	paths, err := filepath.Glob(fixtures + "*")
	if err != nil {
		t.Fatal(err)
	}
	nested, _ := filepath.Glob(fixtures + "*/*")
	paths = append(paths, nested...)
	templates := 0
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			continue // a directory
		}
		det := Detect(path, src)
		if det.Kind != Template {
			continue
		}
		templates++
		t.Run(path, func(t *testing.T) {
			opts := Options{Root: fixtures}
			want := Parse(context.Background(), path, src, opts)
			got := ParseDetected(context.Background(), det, path, src, opts)
			if det.parsed.root != nil {
				t.Error("ParseDetected parsed the text again instead of taking Detect's tree")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseDetected differs from Parse:\n got %+v\nwant %+v", got, want)
			}
		})
	}
	if templates < 10 {
		t.Fatalf("only %d template fixtures found under %s", templates, fixtures)
	}
}

// TestParseDetectedOnce checks that a Detection's tree is used once, and
// only for the text it was parsed from: the stack built from it owns it.
func TestParseDetectedOnce(t *testing.T) {
	const text = "Parameters:\n  Name: {Type: String, Default: a}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Ref Name\n"
	src := []byte(text)
	other := []byte(text)
	cases := []struct {
		name  string
		path  string
		src   []byte
		opts  Options
		taken bool
	}{
		{"same text", "t.yaml", src, Options{}, true},
		{"same text again", "t.yaml", src, Options{Params: map[string]string{"Name": "b"}}, false},
		{"equal text elsewhere in memory", "t.yaml", other, Options{}, false},
		{"another path", "u.yaml", src, Options{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			det := Detect("t.yaml", src)
			if tc.name == "same text again" {
				ParseDetected(context.Background(), det, "t.yaml", src, Options{})
			}
			tree := det.parsed.root
			got := ParseDetected(context.Background(), det, tc.path, tc.src, tc.opts)
			want := Parse(context.Background(), tc.path, tc.src, tc.opts)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("ParseDetected differs from Parse:\n got %+v\nwant %+v", got, want)
			}
			if taken := tree != nil && det.parsed.root == nil; taken != tc.taken {
				t.Errorf("tree taken = %v, want %v", taken, tc.taken)
			}
		})
	}
}
