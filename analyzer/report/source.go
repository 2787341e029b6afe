package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxSourceSize bounds how much of a file the text report reads for
// snippets; templates larger than this get no snippet rather than a large read.
const maxSourceSize = 16 << 20

// sourceCache reads each source file once per report and splits it into
// lines.
type sourceCache struct {
	read  func(name string) ([]byte, error)
	files map[string][]string // nil entry: the file could not be read
}

func newSourceCache(root string, read func(string) ([]byte, error)) *sourceCache {
	if read == nil {
		read = func(name string) ([]byte, error) { return readFileBounded(root, name) }
	}
	return &sourceCache{read: read, files: map[string][]string{}}
}

// readFileBounded reads name (relative to root unless absolute), refusing
// files larger than maxSourceSize.
func readFileBounded(root, name string) ([]byte, error) {
	if !filepath.IsAbs(name) && root != "" {
		name = filepath.Join(root, filepath.FromSlash(name))
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSourceSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxSourceSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, maxSourceSize)
	}
	return data, nil
}

// lines returns the lines of file, or nil when it cannot be read.
func (c *sourceCache) lines(file string) []string {
	if ls, ok := c.files[file]; ok {
		return ls
	}
	var ls []string
	if data, err := c.read(file); err == nil {
		data = bytes.TrimSuffix(data, []byte("\n"))
		for _, l := range strings.Split(string(data), "\n") {
			ls = append(ls, strings.TrimRight(l, "\r"))
		}
	}
	c.files[file] = ls
	return ls
}
