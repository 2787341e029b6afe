package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/pflag"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/analyzer/suppress"
)

// addBaselineFlags registers --baseline (a setting, also RAMPART_BASELINE
// and the file's `baseline`) and --write-baseline (an action, so a flag
// only: a configuration that rewrote the baseline on every run would
// accept every new finding).
func addBaselineFlags(f *pflag.FlagSet) {
	f.String("baseline", "", "suppress the known findings listed in `FILE`; only new findings count")
	f.String("write-baseline", "", "record the current findings in `FILE` as known (and count none of them)")
}

// suppressionOptions are the suppressions a scan applies besides those in
// the templates: the file's ignore entries, whether they need a reason, and
// the baseline. A baseline that cannot be read is a usage error.
func suppressionOptions(s config.Settings) (suppress.Options, error) {
	opts := suppress.Options{Ignores: slices.Clone(s.Ignore), AllowNoReason: !s.RequireSuppressionReason}
	// The configuration was found by an absolute path; its entries are
	// located, in reports and messages, as the templates are: relative
	// to the current directory when below it.
	if wd, err := os.Getwd(); err == nil {
		for i := range opts.Ignores {
			loc := &opts.Ignores[i].Location
			if rel, err := filepath.Rel(wd, loc.File); err == nil && filepath.IsAbs(loc.File) && filepath.IsLocal(rel) {
				loc.File = rel
			}
		}
	}
	if s.Baseline != "" {
		b, err := suppress.ReadBaseline(s.Baseline)
		if err != nil {
			return opts, usagef("%w (baseline from %s)", err, s.Source("baseline"))
		}
		opts.Baseline = b
	}
	return opts, nil
}

// writeBaseline records the findings of res that nothing written by hand
// suppresses in the file --write-baseline names, when it is given, and
// marks them known, so the run that writes a baseline passes as the next
// one with it will.
func (a *app) writeBaseline(fs *pflag.FlagSet, res *result.Result) error {
	path, _ := fs.GetString("write-baseline")
	if path == "" {
		return nil
	}
	b, err := suppress.NewBaseline(path, res.Findings)
	if err != nil {
		return err
	}
	if err := writeOutput(path, b.Marshal(), res.Files); err != nil {
		return fmt.Errorf("writing baseline %s: %w", path, err)
	}
	b.Mark(res.Findings)
	fmt.Fprintf(a.stderr, "rampart: wrote %d known finding(s) to the baseline %s\n", b.Len(), path)
	return nil
}
