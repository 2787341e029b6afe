//go:build linux

package safefs

import (
	"os"

	"golang.org/x/sys/unix"
)

// openBeneath opens rel, a relative path, below the directory open as
// dirfd, in one openat2 call (Linux 5.6): the kernel resolves the path,
// its symbolic links included, and refuses to leave the directory or to
// follow an absolute link, as os.Root does, where os.Root opens each
// component in turn (on a tree of repositories, a dozen system calls per
// file read). A failure, openat2 missing included, is left to os.Root and
// then to the resolving path, which say why a file is refused.
func openBeneath(dirfd int, rel, name string) (*os.File, error) {
	fd, err := unix.Openat2(dirfd, rel, &unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_CLOEXEC,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	})
	if err != nil {
		return nil, &os.PathError{Op: "openat2", Path: name, Err: err}
	}
	return os.NewFile(uintptr(fd), name), nil
}

// openDirFD opens the directory at path for openBeneath only.
func openDirFD(path string) (int, error) {
	fd, err := unix.Open(path, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return fd, nil
}

func closeDirFD(fd int) { unix.Close(fd) }
