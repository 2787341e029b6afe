package analyzer

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// dropNestedStacks removes the standalone analysis of a template that another
// scanned template includes as a nested stack: it was analysed as part of
// each parent, with the parameters that parent passes, and analysing it
// alone would report it again, with those parameters Unknown. This is the
// CloudFormation counterpart of a Terraform module not being its own root.
//
// The file list then says what the kept analyses did with each nested
// template: analysed as part of which top-level templates (failed when they
// found an error in it), or not analysed, under the template that includes
// it, because a chain of nested stacks went deeper than the limit.
func dropNestedStacks(units []*graph.Unit, files []result.File) ([]*graph.Unit, []result.File) {
	n := newNesting(units)
	if len(n.includers) == 0 {
		return units, files
	}
	kept := units[:0]
	roots := map[string]*graph.Unit{}
	for _, u := range units {
		if u.Source == graph.SourceCloudFormation {
			if n.nested(u.Path) {
				continue
			}
			roots[u.Path] = u
		}
		kept = append(kept, u)
	}
	listed := map[string]bool{}
	for i, f := range files {
		listed[filepath.Clean(f.Path)] = true
		if n.nested(f.Path) {
			files[i] = n.account(f, roots)
		}
	}
	// A template below the depth limit that the walk did not meet (only
	// the top-level template was scanned) is listed all the same.
	for _, u := range kept {
		for _, inc := range u.Includes {
			if c := filepath.Clean(inc.File); inc.NotAnalysed != "" && !listed[c] {
				listed[c] = true
				files = append(files, result.File{Path: inc.File, Status: result.FileFailed, Type: string(u.Source),
					Reason: "not analysed (a nested stack of " + inc.Parent + "): " + inc.NotAnalysed})
			}
		}
	}
	return kept, files
}

// nesting is what the CloudFormation units say about which template
// includes which.
type nesting struct {
	// includers are the units that analysed a template as a nested stack
	// or stopped before it, by clean path.
	includers map[string][]string
	// readBy are the units that analysed a template as a nested stack.
	readBy map[string][]string
	// skipped says, per template and unit, why the unit did not read it.
	skipped map[string]map[string]string
	// parents are the templates that include a template.
	parents map[string][]string
}

func newNesting(units []*graph.Unit) *nesting {
	n := &nesting{
		includers: map[string][]string{},
		readBy:    map[string][]string{},
		skipped:   map[string]map[string]string{},
		parents:   map[string][]string{},
	}
	add := func(m map[string][]string, k, v string) {
		if !slices.Contains(m[k], v) {
			m[k] = append(m[k], v)
		}
	}
	for _, u := range units {
		if u.Source != graph.SourceCloudFormation {
			continue
		}
		self := filepath.Clean(u.Path)
		for _, f := range u.Files {
			if c := filepath.Clean(f); c != self {
				add(n.readBy, c, u.Path)
				add(n.includers, c, u.Path)
			}
		}
		for _, inc := range u.Includes {
			c := filepath.Clean(inc.File)
			add(n.parents, c, inc.Parent)
			if inc.NotAnalysed != "" && c != self {
				if n.skipped[c] == nil {
					n.skipped[c] = map[string]string{}
				}
				n.skipped[c][u.Path] = inc.NotAnalysed
				add(n.includers, c, u.Path)
			}
		}
	}
	return n
}

// nested reports whether a template is included by another one. A template
// that is its own ancestor is a cycle, which the parent reports; both stay
// roots so nothing goes unanalysed.
func (n *nesting) nested(path string) bool {
	return slices.ContainsFunc(n.includers[filepath.Clean(path)], func(parent string) bool {
		return !slices.Contains(n.includers[filepath.Clean(parent)], path)
	})
}

// account sets the status of a nested template from the kept analyses.
func (n *nesting) account(f result.File, roots map[string]*graph.Unit) result.File {
	c := filepath.Clean(f.Path)
	var readers []string
	for _, r := range n.readBy[c] {
		if roots[r] != nil {
			readers = append(readers, r)
		}
	}
	if len(readers) > 0 {
		sort.Strings(readers)
		f.Status, f.Reason = result.FileScanned, "analysed as a nested stack of "+strings.Join(readers, ", ")
		for _, r := range readers {
			if d := firstErrorIn(roots[r], c); d != nil {
				f.Status, f.Reason = result.FileFailed, d.Error()
				break
			}
		}
		return f
	}
	parents := slices.Sorted(slices.Values(n.parents[c]))
	var whys []string
	for r, why := range n.skipped[c] {
		if roots[r] != nil {
			whys = append(whys, why)
		}
	}
	f.Status = result.FileFailed
	if len(whys) > 0 {
		sort.Strings(whys)
		f.Reason = "not analysed (a nested stack of " + strings.Join(parents, ", ") + "): " + whys[0]
		return f
	}
	// Included only by templates that were not analysed themselves.
	f.Reason = "not analysed (a nested stack of " + strings.Join(parents, ", ") + ", which is not analysed)"
	return f
}

// firstErrorIn returns the first error the unit reports in the file.
func firstErrorIn(u *graph.Unit, file string) *graph.Diagnostic {
	for i, d := range u.Diagnostics {
		if d.Severity == graph.SeverityError && filepath.Clean(d.Location.File) == file {
			return &u.Diagnostics[i]
		}
	}
	return nil
}
