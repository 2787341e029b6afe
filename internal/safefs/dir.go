package safefs

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Dir reads many files below one directory. ReadFile resolves every
// component of a file's path, and of its boundary, again for each file (a
// dozen system calls); a Dir opens the directory once and has the
// operating system confine each open beneath it (os.Root), so a file
// costs an open. It reads what ReadFile would: a file os.Root does not
// open as a regular file below the directory (a link it refuses, such as
// an absolute one that stays inside, a link outside, a device, a FIFO) is
// read again by ReadFile, whose data or error is the answer.
type Dir struct {
	path string
	root *os.Root
	// fd is the directory open for openBeneath, or -1.
	fd int
}

// OpenDir opens the directory at path for reading the files below it.
func OpenDir(path string) (*Dir, error) {
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	fd, err := openDirFD(path)
	if err != nil {
		fd = -1
	}
	return &Dir{path: path, root: root, fd: fd}, nil
}

// Close releases the directory.
func (d *Dir) Close() error {
	if d.fd >= 0 {
		closeDirFD(d.fd)
	}
	return d.root.Close()
}

// ReadFile is ReadFile(path, d's directory, limit) for a path below the
// directory, as written (d's path joined with a relative name).
func (d *Dir) ReadFile(path string, limit int64) ([]byte, error) {
	data, truncated, err := readBeneathFD(d.fd, d.path, path, limit, nil)
	if err != nil {
		data, truncated, err = readBeneath(d.root, d.path, path, limit, nil)
	}
	if err != nil {
		return ReadFile(path, d.path, limit)
	}
	if truncated {
		return nil, tooLarge(path, limit)
	}
	return data, nil
}

// readBeneath reads at most limit bytes of path through root, the open
// directory dir (both absolute or both relative); any error sends the
// read to the resolving path, which says what is wrong.
func readBeneath(root *os.Root, dir, path string, limit int64, buf []byte) (data []byte, truncated bool, err error) {
	rel, err := relBeneath(dir, path)
	if err != nil {
		return nil, false, err
	}
	f, err := root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false, err
	}
	return readRegular(f, path, limit, buf)
}

// readBeneathFD is readBeneath through the directory open as dirfd, with
// openBeneath.
func readBeneathFD(dirfd int, dir, path string, limit int64, buf []byte) (data []byte, truncated bool, err error) {
	if dirfd < 0 {
		return nil, false, errors.ErrUnsupported
	}
	rel, err := relBeneath(dir, path)
	if err != nil {
		return nil, false, err
	}
	f, err := openBeneath(dirfd, rel, path)
	if err != nil {
		return nil, false, err
	}
	return readRegular(f, path, limit, buf)
}

// relBeneath is path relative to dir, which it must not leave as written.
func relBeneath(dir, path string) (string, error) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", ErrOutside
	}
	return rel, nil
}

// readRegular reads at most limit bytes of f, which it closes, when it is
// a regular file (into buf's array when they fit: see readLimited).
func readRegular(f *os.File, path string, limit int64, buf []byte) (data []byte, truncated bool, err error) {
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if !info.Mode().IsRegular() {
		return nil, false, ErrNotRegular
	}
	return readLimited(f, info, path, limit, buf)
}
