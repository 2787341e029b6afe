//go:build unix

package tffuncs

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFileFuncsReadOnlyBoundedRegularFiles: every function that reads a
// file refuses a FIFO (which would block the scan forever), a link to a
// device (/dev/zero would never end) and a file over MaxFileRead, with an
// error at the call instead of a hang or an exhausted memory.
func TestFileFuncsReadOnlyBoundedRegularFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero")); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "big"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxFileRead + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if err := os.WriteFile(filepath.Join(dir, "limit"), make([]byte, MaxFileRead), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ expr, err string }{
		{`file("fifo")`, "not a regular file (a named pipe)"},
		{`filebase64("fifo")`, "not a regular file"},
		{`filesha256("fifo")`, "not a regular file"},
		{`templatefile("fifo", {})`, "not a regular file"},
		{`file("zero")`, "not a regular file (a character device)"},
		{`filemd5("zero")`, "not a regular file"},
		{`templatefile("zero", {})`, "not a regular file"},
		{`file("big")`, "larger than 16777216 bytes"},
		{`filebase64("big")`, "larger than"},
		{`templatefile("big", {})`, "larger than"},
		{`length(filebase64("limit")) > 0`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			done := make(chan struct{})
			go func() {
				defer close(done)
				v, diags := call(t, dir, tt.expr)
				if tt.err == "" {
					if diags.HasErrors() {
						t.Errorf("%s: %s", tt.expr, diags.Error())
					}
					return
				}
				if !diags.HasErrors() || !strings.Contains(diags.Error(), tt.err) {
					t.Errorf("%s = %#v, %v; want an error containing %q", tt.expr, v, diags, tt.err)
				}
			}()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s blocked", tt.expr)
			}
		})
	}
}
