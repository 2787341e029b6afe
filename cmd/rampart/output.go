package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// writeOutput writes a scan's report to path, refusing to replace any
// file the scan analysed: --output t.yaml while scanning t.yaml must not
// destroy the template.
func writeOutput(path string, data []byte, files []result.File) error {
	if err := refuseLink(path); err != nil {
		return err
	}
	if err := refuseInput(path, files); err != nil {
		return err
	}
	return writeReport(path, data)
}

// refuseInput fails when path is (by inode, whatever its spelling or
// links) a file the scan read. Ignored files are not inputs: a previous
// report in the scanned directory is replaced as before.
func refuseInput(path string, files []result.File) error {
	out, err := os.Stat(path)
	if err != nil || !out.Mode().IsRegular() {
		return nil // nothing there yet, or a device written through
	}
	for _, f := range files {
		if f.Status == result.FileIgnored {
			continue
		}
		if in, err := os.Stat(f.Path); err == nil && os.SameFile(in, out) {
			return fmt.Errorf("%s is a file the scan read (%s); the report never replaces an input", path, f.Path)
		}
	}
	return nil
}

// refuseLink fails when path is a symbolic link, except one under /dev
// (/dev/stdout, /dev/fd/N), which the system provides. A link at the
// output path may have come with the repository being scanned and point
// anywhere, ~/.bashrc included; the report is not written through it.
func refuseLink(path string) error {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		return nil
	}
	if abs, err := filepath.Abs(path); err == nil && strings.HasPrefix(abs, "/dev/") {
		return nil
	}
	return fmt.Errorf("%s is a symbolic link; the report is not written through one (remove it or choose another path)", path)
}
