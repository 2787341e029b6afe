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

// TestTerraformFilesUnmarked: the Terraform files a root's loader read,
// as the unit lists them, are noted as holding no suppression comment
// unless their bytes hold the marker, in the root module and in the
// modules it calls.
func TestTerraformFilesUnmarked(t *testing.T) {
	files := map[string]string{
		"root/main.tf":         "module \"m\" {\n  source = \"../modules/m\"\n}\n",
		"root/ignored.tf":      "resource \"aws_s3_bucket\" \"b\" {\n  # rampart:ignore AWS-S3-001 -- test\n  bucket = \"b\"\n}\n",
		"root/vars.tfvars":     "x = 1\n",
		"modules/m/main.tf":    "resource \"aws_s3_bucket\" \"c\" {\n  bucket = \"c\"\n}\n",
		"modules/m/comment.tf": "locals {\n  a = \"rampart:ignore in a string\"\n}\n",
	}
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	marks := newFileMarks()
	root := filepath.Join(dir, "root")
	rl, failed := newRootLoader([]string{root, filepath.Join(dir, "modules/m")}, dir, Options{Workers: 1}, marks.note)
	if failed != nil {
		t.Fatal(failed.Diagnostics)
	}
	u := loadRoot(context.Background(), rl, root)
	want := map[string]bool{"root/main.tf": true, "root/ignored.tf": false, "modules/m/main.tf": true, "modules/m/comment.tf": false}
	seen := 0
	for _, f := range u.Files {
		rel, _ := filepath.Rel(dir, f)
		unmarked, ok := want[filepath.ToSlash(rel)]
		if !ok {
			continue
		}
		seen++
		if got := marks.unmarked(f); got != unmarked {
			t.Errorf("%s: unmarked = %v, want %v", rel, got, unmarked)
		}
	}
	if seen != len(want) {
		t.Errorf("the unit lists %d of the %d files: %v", seen, len(want), u.Files)
	}
	if marks.unmarked(filepath.Join(dir, "elsewhere.tf")) {
		t.Error("a file no loader read is unmarked")
	}
}

// TestFileMarks: a file is unmarked once read without the marker, and
// stays marked once any read held it, in either order.
func TestFileMarks(t *testing.T) {
	m := newFileMarks()
	m.note("a.tf", []byte("a = 1\n"))
	m.note("b.tf", []byte("# rampart:ignore AWS-S3-001 -- test\n"))
	m.note("b.tf", []byte("b = 1\n"))
	m.note("c.tf", []byte("c = 1\n"))
	m.note("c.tf", []byte("# rampart:ignore AWS-S3-001 -- test\n"))
	for path, want := range map[string]bool{"a.tf": true, "b.tf": false, "c.tf": false, "d.tf": false} {
		if got := m.unmarked(path); got != want {
			t.Errorf("%s: unmarked = %v, want %v", path, got, want)
		}
	}
}
