package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/result"
)

func TestWriteReportKeepsWhatItWritesThrough(t *testing.T) {
	dir := t.TempDir()

	t.Run("new and existing regular files are replaced", func(t *testing.T) {
		p := filepath.Join(dir, "report.json")
		for _, content := range []string{"first", "second"} {
			if err := writeReport(p, []byte(content)); err != nil {
				t.Fatal(err)
			}
			if b, _ := os.ReadFile(p); string(b) != content {
				t.Errorf("file holds %q, want %q", b, content)
			}
		}
	})

	t.Run("a symbolic link is refused, its target and the link kept", func(t *testing.T) {
		target := filepath.Join(dir, "target.json")
		link := filepath.Join(dir, "link.json")
		if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if err := writeReport(link, []byte("new")); err == nil || !strings.Contains(err.Error(), "symbolic link") {
			t.Fatalf("writeReport through a link: err = %v, want a refusal", err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", fi, err)
		}
		if b, _ := os.ReadFile(target); string(b) != "old" {
			t.Errorf("target holds %q", b)
		}
	})

	t.Run("the system's links under /dev are followed", func(t *testing.T) {
		if _, err := os.Lstat("/dev/fd"); err != nil {
			t.Skip("no /dev/fd")
		}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		got := make(chan string)
		go func() {
			b, _ := io.ReadAll(r)
			got <- string(b)
		}()
		err = writeReport(fmt.Sprintf("/dev/fd/%d", w.Fd()), []byte("through"))
		w.Close()
		if err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "through" {
			t.Errorf("reader got %q", s)
		}
	})

	t.Run("a named pipe is written through, not replaced", func(t *testing.T) {
		fifo := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan string)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		if err := writeReport(fifo, []byte("through")); err != nil {
			t.Fatal(err)
		}
		if s := <-got; s != "through" {
			t.Errorf("reader got %q", s)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the pipe was replaced: %v %v", fi, err)
		}
	})

	t.Run("a device such as /dev/null stays a device", func(t *testing.T) {
		if err := writeReport(os.DevNull, []byte("discarded")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(os.DevNull); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%s is no longer a character device: %v %v", os.DevNull, fi, err)
		}
	})

	t.Run("a directory is an error", func(t *testing.T) {
		if err := writeReport(dir, []byte("x")); err == nil {
			t.Error("writing a report over a directory succeeded")
		}
	})
}

// TestOutputNeverReplacesAnInput: --output naming a file the scan read
// (by any spelling, or a hard link to it) is refused and the file kept; a
// file the scan ignored, such as the previous report, is replaced.
func TestOutputNeverReplacesAnInput(t *testing.T) {
	dir := t.TempDir()
	tmpl := filepath.Join(dir, "t.yaml")
	old := filepath.Join(dir, "report.json")
	for _, p := range []string{tmpl, old} {
		if err := os.WriteFile(p, []byte("original"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	hard := filepath.Join(dir, "hard.yaml")
	if err := os.Link(tmpl, hard); err != nil {
		t.Fatal(err)
	}
	files := []result.File{
		{Path: tmpl, Status: result.FileScanned},
		{Path: old, Status: result.FileIgnored},
	}
	tests := []struct {
		path   string
		refuse bool
	}{
		{tmpl, true},
		{"./t.yaml", true}, // relative, the scan listing it absolute
		{hard, true},
		{old, false},
		{filepath.Join(dir, "new.json"), false},
	}
	for _, tt := range tests {
		err := writeOutput(tt.path, []byte("report"), files)
		if tt.refuse != (err != nil) {
			t.Errorf("writeOutput(%s) = %v, want refused %v", tt.path, err, tt.refuse)
		}
	}
	if b, _ := os.ReadFile(tmpl); string(b) != "original" {
		t.Errorf("the scanned template now holds %q", b)
	}
	if b, _ := os.ReadFile(old); string(b) != "report" {
		t.Errorf("the previous report holds %q, want it replaced", b)
	}
}

// TestConfigOutputOutsideTheRepository: a .rampart.yaml whose output leaves
// the repository (or enters .git) fails the run with exit 2 before any
// report is written.
func TestConfigOutputOutsideTheRepository(t *testing.T) {
	for _, output := range []string{"../outside.json", ".git/hooks/pre-commit"} {
		base := t.TempDir()
		repo := filepath.Join(base, "repo")
		if err := os.MkdirAll(filepath.Join(repo, ".git", "hooks"), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(repo, ".rampart.yaml"), "output: "+output+"\n")
		fa := &fakeAnalyzer{res: &result.Result{}}
		out := runIn(t, repo, fa, nil, false, "scan", "--format", "json")
		wantCode(t, out, 2)
		if !strings.Contains(out.stderr, "output") {
			t.Errorf("output %s: stderr = %q", output, out.stderr)
		}
		for _, p := range []string{filepath.Join(base, "outside.json"), filepath.Join(repo, ".git", "hooks", "pre-commit")} {
			if _, err := os.Lstat(p); err == nil {
				t.Errorf("output %s: %s was written", output, p)
			}
		}
	}
}
