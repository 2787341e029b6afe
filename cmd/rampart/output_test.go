package main

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
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

	t.Run("a symbolic link keeps pointing at the replaced file", func(t *testing.T) {
		target := filepath.Join(dir, "target.json")
		link := filepath.Join(dir, "link.json")
		if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		if err := writeReport(link, []byte("new")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced: %v %v", fi, err)
		}
		if b, _ := os.ReadFile(target); string(b) != "new" {
			t.Errorf("target holds %q", b)
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
