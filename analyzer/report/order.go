package report

import (
	"cmp"
	"slices"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// The sort helpers return sorted copies: writers must not reorder the
// caller's result, and every writer must list things in the same order.

func compareLocation(a, b graph.Location) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.StartLine, b.StartLine),
		cmp.Compare(a.StartCol, b.StartCol),
		cmp.Compare(a.EndLine, b.EndLine),
	)
}

func sortedFindings(fs []result.Finding) []result.Finding {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b result.Finding) int {
		return cmp.Or(
			compareLocation(a.Location, b.Location),
			cmp.Compare(b.Severity, a.Severity), // most severe first on a line
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

func sortedUndecided(us []result.Undecided) []result.Undecided {
	out := slices.Clone(us)
	slices.SortStableFunc(out, func(a, b result.Undecided) int {
		return cmp.Or(
			compareLocation(a.Location, b.Location),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
			cmp.Compare(a.Path, b.Path),
		)
	})
	return out
}

func sortedDiagnostics(ds []graph.Diagnostic) []graph.Diagnostic {
	out := slices.Clone(ds)
	slices.SortStableFunc(out, func(a, b graph.Diagnostic) int {
		return cmp.Or(
			compareLocation(a.Location, b.Location),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Summary, b.Summary),
			cmp.Compare(a.Detail, b.Detail),
		)
	})
	return out
}

func sortedFiles(fs []result.File) []result.File {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b result.File) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

func sortedRules(rs []result.Rule) []result.Rule {
	out := slices.Clone(rs)
	slices.SortStableFunc(out, func(a, b result.Rule) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// severitiesDesc lists the severities from most to least severe.
func severitiesDesc() []result.Severity {
	return []result.Severity{result.SeverityCritical, result.SeverityHigh, result.SeverityMedium, result.SeverityLow}
}

// fileFindings are the findings located in one file.
type fileFindings struct {
	File     string
	Findings []result.Finding
}

// locationGroup is the findings of one file at one location: several rules
// blaming the same lines read as one block.
type locationGroup struct {
	Location graph.Location
	Findings []result.Finding
}

// weight ranks a finding for the reader: a suppressed finding counts less
// than any severity.
func weight(f result.Finding) result.Severity {
	if f.Suppressed {
		return 0
	}
	return f.Severity
}

// sameLocation reports whether two findings blame the same lines.
func sameLocation(a, b graph.Location) bool {
	a, b = a.Normalized(), b.Normalized()
	return a.File == b.File && a.StartLine == b.StartLine && a.EndLine == b.EndLine
}

// byLocation groups findings that blame the same lines, worst severity
// first inside a group, and orders the groups worst first, then by
// position.
func byLocation(fs []result.Finding) []locationGroup {
	var groups []locationGroup
	for _, f := range sortedFindings(fs) {
		if n := len(groups); n > 0 && sameLocation(groups[n-1].Location, f.Location) {
			groups[n-1].Findings = append(groups[n-1].Findings, f)
			continue
		}
		groups = append(groups, locationGroup{Location: f.Location, Findings: []result.Finding{f}})
	}
	for _, g := range groups {
		slices.SortStableFunc(g.Findings, func(a, b result.Finding) int { return cmp.Compare(weight(b), weight(a)) })
	}
	slices.SortStableFunc(groups, func(a, b locationGroup) int {
		return cmp.Compare(weight(b.Findings[0]), weight(a.Findings[0]))
	})
	return groups
}

// byFileWorstFirst splits findings by file, the files with the worst
// finding first (then more findings, then by name), and inside each file
// orders them as byLocation does.
func byFileWorstFirst(fs []result.Finding) []fileFindings {
	index := map[string]int{}
	var files []fileFindings
	for _, f := range sortedFindings(fs) {
		i, ok := index[f.Location.File]
		if !ok {
			i = len(files)
			index[f.Location.File] = i
			files = append(files, fileFindings{File: f.Location.File})
		}
		files[i].Findings = append(files[i].Findings, f)
	}
	worst := func(ff fileFindings) (result.Severity, int) {
		var w result.Severity
		n := 0
		for _, f := range ff.Findings {
			w = max(w, weight(f))
			if !f.Suppressed {
				n++
			}
		}
		return w, n
	}
	slices.SortStableFunc(files, func(a, b fileFindings) int {
		wa, na := worst(a)
		wb, nb := worst(b)
		return cmp.Or(cmp.Compare(wb, wa), cmp.Compare(nb, na), cmp.Compare(a.File, b.File))
	})
	for i := range files {
		var ordered []result.Finding
		for _, g := range byLocation(files[i].Findings) {
			ordered = append(ordered, g.Findings...)
		}
		files[i].Findings = ordered
	}
	return files
}

func sortedChecks(cs []result.Check) []result.Check {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b result.Check) int {
		return cmp.Or(
			compareLocation(a.Location, b.Location),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Resource.ID, b.Resource.ID),
		)
	})
	return out
}
