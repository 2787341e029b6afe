//go:build unix

package report

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/rampart-iac/rampart/internal/safefs"
)

// TestSnippetsReadInsideTheBoundaries: a diagnostic located at a link to a
// file outside the repository (the front-end refused it there) must not
// bring that file into the report as a snippet; a FIFO must not block it.
func TestSnippetsReadInsideTheBoundaries(t *testing.T) {
	base := t.TempDir()
	repo := filepath.Join(base, "repo")
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"secret.txt": "CANARY\n", "repo/main.tf": "ok\n"} {
		if err := os.WriteFile(filepath.Join(base, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../secret.txt", filepath.Join(repo, "leak.tf")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(repo, "fifo.tf"), 0o644); err != nil {
		t.Fatal(err)
	}
	bounds := []string{repo}
	tests := []struct {
		name       string
		boundaries []string
		err        error
	}{
		{"main.tf", bounds, nil},
		{"leak.tf", bounds, safefs.ErrOutside},
		{"../secret.txt", bounds, safefs.ErrOutside},
		{"fifo.tf", bounds, safefs.ErrNotRegular},
		{"fifo.tf", nil, safefs.ErrNotRegular},
	}
	for _, tt := range tests {
		data, err := readFileBounded(repo, tt.boundaries, tt.name)
		if tt.err == nil {
			if err != nil || string(data) != "ok\n" {
				t.Errorf("%s: %q, %v", tt.name, data, err)
			}
			continue
		}
		if !errors.Is(err, tt.err) || data != nil {
			t.Errorf("%s (boundaries %v): %q, %v; want %v", tt.name, tt.boundaries, data, err, tt.err)
		}
	}
}
