//go:build unix

package safefs

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const canary = "CANARY-5f1d secret"

// layout builds a repository beside a directory holding a secret, with
// links into both and the special files a pull request can commit.
func layout(t *testing.T) (repo string) {
	t.Helper()
	base := t.TempDir()
	repo = filepath.Join(base, "repo")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{repo, outside, filepath.Join(repo, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(outside, "secret.txt"), canary)
	write(t, filepath.Join(repo, "main.tf"), "ok")
	write(t, filepath.Join(repo, "big.tf"), strings.Repeat("x", 100))
	link(t, filepath.Join(outside, "secret.txt"), filepath.Join(repo, "secret.tf"))
	link(t, filepath.Join("..", "main.tf"), filepath.Join(repo, "sub", "inside.tf"))
	link(t, outside, filepath.Join(repo, "outdir"))
	link(t, "/dev/zero", filepath.Join(repo, "zero.tf"))
	if err := syscall.Mkfifo(filepath.Join(repo, "fifo.tf"), 0o644); err != nil {
		t.Fatal(err)
	}
	return repo
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func link(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func TestReadFile(t *testing.T) {
	repo := layout(t)
	tests := []struct {
		name, path, root string
		want             string
		err              error
	}{
		{"regular file", "main.tf", repo, "ok", nil},
		{"link inside the root", "sub/inside.tf", repo, "ok", nil},
		{"link outside the root", "secret.tf", repo, "", ErrOutside},
		{"through a linked directory", "outdir/secret.txt", repo, "", ErrOutside},
		{"unconfined read still refuses a device", "zero.tf", "", "", ErrNotRegular},
		{"device inside the root", "zero.tf", repo, "", ErrOutside},
		{"named pipe", "fifo.tf", repo, "", ErrNotRegular},
		{"directory", "sub", repo, "", ErrNotRegular},
		{"over the limit", "big.tf", repo, "", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var got []byte
			var err error
			go func() {
				defer close(done)
				got, err = ReadFile(filepath.Join(repo, tt.path), tt.root, 50)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("read blocked")
			}
			if tt.err == nil {
				if err != nil || string(got) != tt.want {
					t.Fatalf("ReadFile = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.err) {
				t.Fatalf("ReadFile error = %v; want %v", err, tt.err)
			}
			if strings.Contains(err.Error(), canary) || len(got) > 0 {
				t.Fatalf("refused read leaked content: %q, %v", got, err)
			}
		})
	}
}

func TestReadPrefix(t *testing.T) {
	repo := layout(t)
	got, truncated, err := ReadPrefix(filepath.Join(repo, "big.tf"), repo, 10)
	if err != nil || !truncated || string(got) != strings.Repeat("x", 10) {
		t.Fatalf("ReadPrefix = %q, %v, %v", got, truncated, err)
	}
	got, truncated, err = ReadPrefix(filepath.Join(repo, "big.tf"), repo, 100)
	if err != nil || truncated || len(got) != 100 {
		t.Fatalf("ReadPrefix at the limit = %d bytes, %v, %v", len(got), truncated, err)
	}
}

// ReadPrefixInto reads as ReadPrefix does, into the buffer it is given
// when the file fits, and refuses what ReadPrefix refuses.
func TestReadPrefixInto(t *testing.T) {
	repo := layout(t)
	buf := make([]byte, 0, 4096)
	for _, name := range []string{"main.tf", "sub/inside.tf", "big.tf", "main.tf"} {
		want, wantTruncated, err := ReadPrefix(filepath.Join(repo, name), repo, 50)
		if err != nil {
			t.Fatal(err)
		}
		got, truncated, err := ReadPrefixInto(buf, filepath.Join(repo, name), repo, 50)
		if err != nil || truncated != wantTruncated || !bytes.Equal(got, want) {
			t.Fatalf("ReadPrefixInto(%s) = %q, %v, %v; want %q, %v", name, got, truncated, err, want, wantTruncated)
		}
		if &got[:1][0] != &buf[:1][0] {
			t.Errorf("ReadPrefixInto(%s) did not read into the buffer that fits it", name)
		}
		buf = got[:0]
	}
	if got, _, err := ReadPrefixInto(make([]byte, 0, 4), filepath.Join(repo, "big.tf"), repo, 200); err != nil || len(got) != 100 {
		t.Errorf("ReadPrefixInto with a small buffer = %d bytes, %v", len(got), err)
	}
	for _, name := range []string{"secret.tf", "outdir/secret.txt", "zero.tf", "fifo.tf"} {
		_, _, want := ReadPrefix(filepath.Join(repo, name), repo, 50)
		got, _, err := ReadPrefixInto(buf, filepath.Join(repo, name), repo, 50)
		if err == nil || want == nil || err.Error() != want.Error() || len(got) > 0 {
			t.Errorf("ReadPrefixInto(%s) = %q, %v; ReadPrefix refuses it with %v", name, got, err, want)
		}
	}
}

func TestWithin(t *testing.T) {
	repo := layout(t)
	tests := []struct {
		path string
		want bool
	}{
		{repo, true},
		{filepath.Join(repo, "main.tf"), true},
		{filepath.Join(repo, "new", "report.json"), true},
		{filepath.Join(repo, "sub", "inside.tf"), true},
		{filepath.Join(repo, "secret.tf"), false},
		{filepath.Join(repo, "outdir", "report.json"), false},
		{filepath.Join(repo, "..", "outside"), false},
		{filepath.Join(repo, "..", "repo2"), false},
	}
	for _, tt := range tests {
		if got := Within(repo, tt.path); got != tt.want {
			t.Errorf("Within(repo, %s) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestReadPrefixSizes reads files around the limit and the buffer's size:
// the bytes and the truncation are io.ReadAll's, whatever Stat said.
func TestReadPrefixSizes(t *testing.T) {
	dir := t.TempDir()
	const limit = 4096
	for _, size := range []int{0, 1, 511, 512, 513, limit - 1, limit, limit + 1, 3 * limit} {
		path := filepath.Join(dir, fmt.Sprintf("f%d", size))
		want := bytes.Repeat([]byte("abcdefghij"), size/10+1)[:size]
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, truncated, err := ReadPrefix(path, dir, limit)
		if err != nil {
			t.Fatal(err)
		}
		if wantTrunc := size > limit; truncated != wantTrunc || !bytes.Equal(got, want[:min(size, limit)]) {
			t.Errorf("size %d: %d bytes, truncated %v; want %d bytes, truncated %v", size, len(got), truncated, min(size, limit), wantTrunc)
		}
		if got == nil {
			t.Errorf("size %d: nil data", size)
		}
	}
}

// TestDirReadsAsReadFile: a Dir gives each file of a repository the data
// or the error ReadFile gives, links and special files included.
func TestDirReadsAsReadFile(t *testing.T) {
	repo := layout(t)
	link(t, filepath.Join(repo, "main.tf"), filepath.Join(repo, "absolute.tf"))
	write(t, filepath.Join(repo, "sub", "nested.tf"), "nested")
	d, err := OpenDir(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	beneath := map[string]bool{"main.tf": true, "sub/nested.tf": true, "sub/inside.tf": true, "big.tf": true}
	for _, name := range []string{"main.tf", "sub/nested.tf", "sub/inside.tf", "absolute.tf", "secret.tf",
		"outdir/secret.txt", "zero.tf", "fifo.tf", "sub", "big.tf", "missing.tf", "../outside/secret.txt"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(repo, name)
			done := make(chan struct{})
			var got, want []byte
			var gotErr, wantErr error
			go func() {
				defer close(done)
				got, gotErr = d.ReadFile(path, 50)
				want, wantErr = ReadFile(path, repo, 50)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("read blocked")
			}
			if !bytes.Equal(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("Dir.ReadFile = %q, %v; ReadFile = %q, %v", got, gotErr, want, wantErr)
			}
			if bytes.Contains(got, []byte(canary)) {
				t.Error("read the secret outside the directory")
			}
			// The regular files inside, linked relatively or not, take one open.
			if _, _, err := readBeneath(d.root, repo, path, 50, nil); (err == nil) != beneath[name] {
				t.Errorf("read through the open directory: %v, want success %v", err, beneath[name])
			}
			// And the same files one openat2 call, where there is one.
			if d.fd >= 0 {
				if _, _, err := readBeneathFD(d.fd, repo, path, 50, nil); (err == nil) != beneath[name] {
					t.Errorf("read with openat2: %v, want success %v", err, beneath[name])
				}
			}
		})
	}
}

// TestReadUnderTakesTheShortPath: a confined read of a regular file inside
// the root opens it beneath the root, whether the path and the root are
// written relative to the working directory or absolute; TestReadFile
// checks that what it refuses is refused with the same error as before.
func TestReadUnderTakesTheShortPath(t *testing.T) {
	repo := layout(t)
	t.Chdir(filepath.Dir(repo))
	for _, tc := range []struct{ path, root string }{
		{filepath.Join(repo, "main.tf"), repo},
		{"repo/main.tf", repo},
		{filepath.Join(repo, "sub", "inside.tf"), "repo"},
		{"repo/sub/inside.tf", "repo"},
	} {
		for _, wd := range []string{"", filepath.Dir(repo)} {
			data, truncated, err := readUnder(wd, tc.path, tc.root, 50, nil)
			if err != nil || truncated || string(data) != "ok" {
				t.Errorf("readUnder(%q, %s, %s) = %q, %v, %v", wd, tc.path, tc.root, data, truncated, err)
			}
		}
	}
	for _, outside := range []string{"repo/secret.tf", "repo/outdir/secret.txt", "repo/zero.tf", "repo/fifo.tf", "outside/secret.txt"} {
		for _, wd := range []string{"", filepath.Dir(repo)} {
			if _, _, err := readUnder(wd, outside, repo, 50, nil); err == nil {
				t.Errorf("readUnder(%q, %s) took the short path", wd, outside)
			}
		}
	}
	// Where openat2 is, the short path is one call of it.
	fd, err := openDirFD("repo")
	if err != nil {
		t.Skipf("no openat2 here: %v", err)
	}
	defer closeDirFD(fd)
	for _, inside := range []string{"repo/main.tf", "repo/sub/inside.tf"} {
		if data, _, err := readBeneathFD(fd, "repo", inside, 50, nil); err != nil || string(data) != "ok" {
			t.Errorf("openat2 read of %s = %q, %v", inside, data, err)
		}
	}
	for _, outside := range []string{"repo/secret.tf", "repo/outdir/secret.txt", "repo/zero.tf", "repo/fifo.tf", "outside/secret.txt"} {
		if _, _, err := readBeneathFD(fd, "repo", outside, 50, nil); err == nil {
			t.Errorf("openat2 read %s", outside)
		}
	}
}

// TestReadFileFromAnswersAsReadFile: given the working directory, a read
// gives what ReadFile gives, data or error, for a path and a root written
// relative or absolute, inside the root or refused.
func TestReadFileFromAnswersAsReadFile(t *testing.T) {
	repo := layout(t)
	wd := filepath.Dir(repo)
	t.Chdir(wd)
	names := []string{"main.tf", "big.tf", "sub/inside.tf", "secret.tf", "outdir/secret.txt", "zero.tf", "fifo.tf", "missing.tf", "../outside/secret.txt"}
	for _, name := range names {
		for _, path := range []string{filepath.Join("repo", name), filepath.Join(repo, name)} {
			for _, root := range []string{"repo", repo} {
				want, wantErr := ReadFile(path, root, 50)
				got, err := ReadFileFrom(wd, path, root, 50)
				if string(got) != string(want) || (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
					t.Errorf("ReadFileFrom(%s, %s) = %q, %v; ReadFile gives %q, %v", path, root, got, err, want, wantErr)
				}
			}
		}
	}
}
