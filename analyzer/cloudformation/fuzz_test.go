package cloudformation

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to Detect and Parse, as YAML and as JSON.
// Neither may panic (Parse turns a panic into an "internal error"
// diagnostic, which the fuzzer treats as a failure too).
func FuzzParse(f *testing.F) {
	err := filepath.WalkDir(fixtures, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f.Add(src, strings.HasSuffix(path, ".json"))
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte, asJSON bool) {
		name := "fuzz.yaml"
		if asJSON {
			name = "fuzz.json"
		}
		Detect(name, src)
		// The root is an empty directory so nested stack paths never leave it.
		u := Parse(context.Background(), name, src, Options{Root: t.TempDir()})
		for _, d := range u.Diagnostics {
			if strings.Contains(d.Summary, "internal error") {
				t.Fatalf("%s", d.Summary)
			}
			if d.Location.File == "" {
				t.Fatalf("diagnostic without a file: %v", d)
			}
		}
	})
}
