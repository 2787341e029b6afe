//go:build unix

package engine

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPolicyFilesAreRegularFilesInsideTheirDirectory: a policy directory
// can come with the repository. A .rego FIFO in it fails at once instead
// of blocking, and a .rego link leading out of it is not read (its parse
// error would quote the file it names).
func TestPolicyFilesAreRegularFilesInsideTheirDirectory(t *testing.T) {
	base := t.TempDir()
	secret := filepath.Join(base, "secret")
	if err := os.WriteFile(secret, []byte("CANARY = [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(dir string) error
		err   string
	}{
		{"fifo", func(dir string) error { return syscall.Mkfifo(filepath.Join(dir, "p.rego"), 0o644) }, "not a regular file"},
		{"link outside", func(dir string) error { return os.Symlink(secret, filepath.Join(dir, "p.rego")) }, "outside the repository root"},
		{"link to a device", func(dir string) error { return os.Symlink("/dev/zero", filepath.Join(dir, "p.rego")) }, "outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "policies")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := tt.setup(dir); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := readDirs([]string{dir}, false)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "CANARY") {
					t.Errorf("readDirs = %v, want an error containing %q", err, tt.err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("readDirs blocked")
			}
		})
	}
}
