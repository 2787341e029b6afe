//go:build !linux

package safefs

import (
	"errors"
	"os"
)

// openBeneath is the one-call open of a path below a directory, which
// only Linux has (beneath_linux.go); elsewhere os.Root does it.
func openBeneath(int, string, string) (*os.File, error) { return nil, errors.ErrUnsupported }

func openDirFD(string) (int, error) { return -1, errors.ErrUnsupported }

func closeDirFD(int) {}
