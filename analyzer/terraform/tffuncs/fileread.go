package tffuncs

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/internal/safefs"
)

// MaxFileRead bounds what one file function reads: the limit on a
// configuration file, so file("big") costs no more than reading the .tf
// file that calls it.
const MaxFileRead = 16 << 20

// makeFileFunc is file(path) or, with encBase64, filebase64(path): the
// contents of a regular file as text (valid UTF-8) or as Base64. It reads
// through readFile, so a FIFO, a device or an oversized file is an error
// instead of a scan that blocks or exhausts memory.
func makeFileFunc(baseDir string, encBase64 bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			path := args[0].AsString()
			src, err := readFile(baseDir, path)
			if err != nil {
				return cty.UnknownVal(cty.String), err
			}
			if encBase64 {
				return cty.StringVal(base64.StdEncoding.EncodeToString(src)), nil
			}
			if !utf8.Valid(src) {
				return cty.UnknownVal(cty.String), fmt.Errorf("contents of %s are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents or the other file functions (e.g. filemd5, filesha256) to obtain file hashing results instead", path)
			}
			return cty.StringVal(string(src)), nil
		},
	})
}

// readFile reads path, relative paths against baseDir: a regular file of
// at most MaxFileRead bytes. Where it may be read from is the caller's
// sandbox (Options.Wrap); this only makes the read itself safe.
func readFile(baseDir, path string) ([]byte, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(baseDir, path)
	}
	path = filepath.Clean(path)
	b, err := safefs.ReadFile(path, "", MaxFileRead)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no file exists at %s", path)
	case errors.Is(err, safefs.ErrNotRegular), errors.Is(err, safefs.ErrTooLarge):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("failed to read %s: %w", path, err)
	}
	return b, nil
}
