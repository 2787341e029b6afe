package config

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Validate checks the values of one layer that can be checked without the
// policies. Flags, environment and file all go through it when their layer
// is built, so a value one of them accepts the others accept too. Errors
// name where the value came from (the layer's Sources). Rule and profile
// names are checked against the loaded policies, by the engine.
func (l Layer) Validate() error {
	for _, glob := range l.Exclude {
		if err := ValidateExclude(glob); err != nil {
			return fmt.Errorf("%s: %w", l.source("exclude"), err)
		}
	}
	return nil
}

// source is where the layer set key.
func (l Layer) source(key string) string {
	if s, ok := l.Sources[key]; ok {
		return s
	}
	return l.Name
}

// ValidateExclude refuses an exclude pattern the matcher cannot use, which
// would otherwise exclude nothing without a word. It checks the pattern as
// discovery matches it: slash-separated, without a trailing slash.
func ValidateExclude(glob string) error {
	if !doublestar.ValidatePattern(strings.TrimSuffix(filepath.ToSlash(glob), "/")) {
		return fmt.Errorf("exclude pattern %q: syntax error in pattern", glob)
	}
	return nil
}
