package analyzer

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// TestParseStructuredUnmarked checks which files the suppression stage may
// skip: those read whole whose bytes, as read, have no "rampart:ignore".
// A UTF-16 file has no such bytes even when its text has the comment, and
// the suppression stage, which reads bytes too, finds none there either.
func TestParseStructuredUnmarked(t *testing.T) {
	const template = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n"
	utf16LE := func(s string) string {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return string(b)
	}
	cases := []struct {
		name, file, content string
		unmarked            bool
	}{
		{"template without a comment", "a.yaml", template, true},
		{"template with a suppression comment", "b.yaml", template + "    # rampart:ignore AWS-S3-001 -- test\n", false},
		{"the marker in a string", "c.yaml", "Description: rampart:ignore\n" + template, false},
		{"JSON template", "d.json", `{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}`, true},
		{"not a template", "e.yaml", "name: ci\n", true},
		{"UTF-16 template with a comment", "f.yaml", utf16LE(template + "    # rampart:ignore AWS-S3-001 -- test\n"), true},
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, unmarked := parseStructured(context.Background(), path, dir, Options{Workers: 1})
			if unmarked != tc.unmarked {
				t.Errorf("unmarked = %v, want %v", unmarked, tc.unmarked)
			}
		})
	}
}
