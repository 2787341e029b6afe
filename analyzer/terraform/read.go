package terraform

import (
	"errors"
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/rampart-iac/rampart/internal/safefs"
)

// readSource reads a configuration, variables or manifest file: a regular
// file of at most maxFileSize bytes, read through safefs, and, when root
// is set, one whose symbolic links resolve inside it. A refusal is an error
// at the file, so the file is accounted as failed, not silently skipped.
// Relative paths are read from the working directory wd, when it is set
// (safefs.ReadFileFrom).
func readSource(wd, path, root string) ([]byte, hcl.Diagnostics) {
	src, err := safefs.ReadFileFrom(wd, path, root, maxFileSize)
	if err == nil {
		return src, nil
	}
	summary := "Failed to read file"
	switch {
	case errors.Is(err, safefs.ErrTooLarge):
		summary = "File too large"
		err = fmt.Errorf("%s is larger than %d bytes, the limit on a configuration file", path, maxFileSize)
	case errors.Is(err, safefs.ErrOutside):
		summary = "File outside the repository root"
	case errors.Is(err, safefs.ErrNotRegular):
		summary = "Not a regular file"
	}
	return nil, hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  summary,
		Detail:   err.Error(),
		Subject:  &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos},
	}}
}
