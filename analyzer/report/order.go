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
