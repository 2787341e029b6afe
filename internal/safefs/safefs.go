// Package safefs is the one way rampart reads a file named by its input.
// Every read resolves symbolic links, refuses what resolves outside the
// boundary it is given, refuses anything that is not a regular file (a
// FIFO would block, /dev/zero would never end) and stops after a size
// limit counted on what is actually read, not on what Stat says.
package safefs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// The errors a read fails with, for errors.Is.
var (
	ErrOutside    = errors.New("outside the repository root")
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// ReadFile reads the regular file at path, whole, when it has at most limit
// bytes. A non-empty root confines the read: path, its symbolic links
// resolved, must be root or lie below it.
func ReadFile(path, root string, limit int64) ([]byte, error) {
	data, truncated, err := ReadPrefix(path, root, limit)
	if err != nil {
		return nil, err
	}
	if truncated {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

func tooLarge(path string, limit int64) error {
	return fmt.Errorf("%s: %w: larger than %d bytes", path, ErrTooLarge, limit)
}

// ReadFileFrom is ReadFile for a caller that reads many files and knows
// the working directory, wd, that relative paths are taken from (an empty
// wd is asked for): a path relative and a root absolute, or the other way
// round, are made absolute for each read, and asking the operating system
// for the working directory is two system calls more each time (os.Getwd
// checks $PWD against "."): 57,000 stat calls for the 28,600 reads of a
// scan of "." below an absolute repository root, on a tree of 20 copies
// of three repositories.
func ReadFileFrom(wd, path, root string, limit int64) ([]byte, error) {
	data, truncated, err := readPrefixFrom(nil, wd, path, root, limit)
	if err != nil {
		return nil, err
	}
	if truncated {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

// ReadPrefix is ReadFile for callers that can use the beginning of a large
// file: it returns at most limit bytes and whether the file holds more.
func ReadPrefix(path, root string, limit int64) (data []byte, truncated bool, err error) {
	return ReadPrefixInto(nil, path, root, limit)
}

// ReadPrefixInto is ReadPrefix reading into buf's array when the file fits
// in its capacity, so the data may share buf's memory. It is for a caller
// that reads many files one after the other and keeps none of them (a
// text search), passing back the data of the previous read.
func ReadPrefixInto(buf []byte, path, root string, limit int64) (data []byte, truncated bool, err error) {
	return readPrefixFrom(buf, "", path, root, limit)
}

// readPrefixFrom is ReadPrefixInto, with ReadFileFrom's working directory.
func readPrefixFrom(buf []byte, wd, path, root string, limit int64) (data []byte, truncated bool, err error) {
	if root != "" {
		// Resolving the path and the root costs a system call per
		// directory of each, for every file a scan reads (serverless-
		// patterns: 172,000); opening the root and the file beneath it,
		// one per directory below the root (45,000). What that cannot
		// open as a regular file beneath the root is read the long way,
		// which says why it is refused.
		if data, truncated, err := readUnder(wd, path, root, limit, buf); err == nil {
			return data, truncated, nil
		}
	}
	f, info, err := open(path, root)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	// A buffer of the size Stat gives, and room to see the end of the file,
	// reads a file in two calls, where io.ReadAll's growing buffer takes
	// one per doubling; a file that grows meanwhile is still read to the
	// limit.
	return readLimited(f, info, path, limit, buf)
}

// readUnder reads path beneath root: with openBeneath, else through root
// opened as an os.Root. Relative paths are taken from wd when it is set.
func readUnder(wd, path, root string, limit int64, buf []byte) ([]byte, bool, error) {
	if filepath.IsAbs(root) != filepath.IsAbs(path) {
		var err error
		if root, err = absFrom(wd, root); err != nil {
			return nil, false, err
		}
		if path, err = absFrom(wd, path); err != nil {
			return nil, false, err
		}
	}
	if fd, err := openDirFD(root); err == nil {
		data, truncated, err := readBeneathFD(fd, root, path, limit, buf)
		closeDirFD(fd)
		if err == nil {
			return data, truncated, nil
		}
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	return readBeneath(r, root, path, limit, buf)
}

// absFrom is filepath.Abs(path), relative paths taken from wd when it is
// set.
func absFrom(wd, path string) (string, error) {
	if wd == "" || filepath.IsAbs(path) {
		return filepath.Abs(path)
	}
	return filepath.Join(wd, path), nil
}

// readLimited reads at most limit bytes of the open file f, into buf's
// array when the file, as Stat sizes it, fits in its capacity.
func readLimited(f *os.File, info os.FileInfo, path string, limit int64, buf []byte) (data []byte, truncated bool, err error) {
	if size := min(max(info.Size(), 0), limit+1) + bytes.MinRead; int64(cap(buf)) < size {
		buf = make([]byte, 0, size)
	}
	b := bytes.NewBuffer(buf[:0])
	if _, err := b.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, false, fmt.Errorf("reading %s: %w", path, err)
	}
	data = b.Bytes()
	if int64(len(data)) > limit {
		return data[:limit], true, nil
	}
	return data, false, nil
}

// Open opens the regular file at path for reading, confined to root when
// root is not empty. The open never blocks: a FIFO is opened non-blocking
// and refused by the mode of the opened descriptor, so a file swapped for
// a FIFO after a Stat is refused too.
func Open(path, root string) (*os.File, error) {
	f, _, err := open(path, root)
	return f, err
}

// open is Open, returning the opened file's information too.
func open(path, root string) (*os.File, os.FileInfo, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, nil, err
	}
	if root != "" && !Within(root, real) {
		return nil, nil, fmt.Errorf("%s resolves to a file %w; rampart reads nothing outside it (--root sets the root)", path, ErrOutside)
	}
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, Describe(info.Mode()))
	}
	return f, info, nil
}

// Within reports whether path is root or lies below it, both with their
// symbolic links resolved (as far as they exist, so a file not yet
// written is placed by its directory).
func Within(root, path string) bool {
	r, err := Resolve(root)
	if err != nil {
		return false
	}
	p, err := Resolve(path)
	if err != nil {
		return false
	}
	return lexicallyWithin(r, p)
}

// Resolve returns path absolute, clean, with the symbolic links of its
// longest existing prefix resolved; the rest, which does not exist yet,
// is appended as written.
func Resolve(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
		dir = parent
	}
}

// lexicallyWithin reports whether path is dir or lies below it (both
// absolute and clean).
func lexicallyWithin(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Describe names a file mode that is not a regular file, for messages.
func Describe(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "mode " + m.String()
}
