package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/secrets"
	"github.com/rampart-iac/rampart/analyzer/textenc"
	"github.com/rampart-iac/rampart/internal/safefs"
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

func newSourceCache(root string, boundaries []string, read func(string) ([]byte, error)) *sourceCache {
	if read == nil {
		read = func(name string) ([]byte, error) { return readFileBounded(root, boundaries, name) }
	}
	return &sourceCache{read: read, files: map[string][]string{}}
}

// readFileBounded reads name (relative to root unless absolute) for a
// snippet: a regular file of at most maxSourceSize bytes (see safefs) that
// lies, its symbolic links resolved, inside one of the scan's boundaries.
// A location can name a file the front-end refused to read (a link to a
// file outside the repository, at which the error is located); its
// contents must not reach the report through the snippet either.
func readFileBounded(root string, boundaries []string, name string) ([]byte, error) {
	if !filepath.IsAbs(name) && root != "" {
		name = filepath.Join(root, filepath.FromSlash(name))
	}
	if len(boundaries) == 0 {
		return safefs.ReadFile(name, "", maxSourceSize)
	}
	for _, b := range boundaries {
		if safefs.Within(b, name) {
			return safefs.ReadFile(name, b, maxSourceSize)
		}
	}
	return nil, fmt.Errorf("%s: %w", name, safefs.ErrOutside)
}

// lines returns the lines of file, or nil when it cannot be read.
func (c *sourceCache) lines(file string) []string {
	if ls, ok := c.files[file]; ok {
		return ls
	}
	var ls []string
	data, err := c.read(file)
	if err == nil {
		// The front-ends read UTF-16 and UTF-32 files; the snippet shows
		// the same text.
		data, err = textenc.ToUTF8(data)
	}
	if err == nil {
		data = bytes.TrimSuffix(data, []byte("\n"))
		for _, l := range strings.Split(string(data), "\n") {
			ls = append(ls, strings.TrimRight(l, "\r"))
		}
		// A snippet never shows a credential in full (AWS-SEC-001).
		secrets.MaskLines(ls)
	}
	c.files[file] = ls
	return ls
}
