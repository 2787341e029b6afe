package engine

import (
	"fmt"
	"slices"
	"strings"

	"github.com/agext/levenshtein"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// SelectionError is a rule or profile name that names nothing the loaded
// policies define, with the nearest one that exists when a typo is likely.
type SelectionError struct {
	// Setting is the setting the name came from: "rules", "skip_rules" or
	// "profiles" (the configuration file's keys).
	Setting string
	Name    string
	// Suggestion is the closest known ID, name or profile ("" for none).
	Suggestion string
	// Known lists the profiles there are, for an unknown profile.
	Known []string
}

func (e *SelectionError) Error() string {
	what := "rule"
	if e.Setting == "profiles" {
		what = "profile"
	}
	msg := fmt.Sprintf("%s %q: no such %s", what, e.Name, what)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %s?", e.Suggestion)
	}
	switch {
	case what == "rule":
		msg += " (see `rampart rules`)"
	case len(e.Known) == 0:
		msg += " (no loaded rule belongs to a profile)"
	default:
		msg += fmt.Sprintf(" (profiles: %s)", strings.Join(e.Known, ", "))
	}
	return msg
}

// unknownRule describes a name no rule has, suggesting the closest ID or
// name.
func unknownRule(rules []*ruleModule, setting, name string) *SelectionError {
	var candidates []string
	for _, rm := range rules {
		candidates = append(candidates, rm.meta.ID, rm.meta.Name)
	}
	return &SelectionError{Setting: setting, Name: name, Suggestion: closestName(name, candidates)}
}

// ClosestRule returns the ID of the rule whose ID or name is closest to
// name, when it is close enough to be a typo, or "": what a misspelled rule
// elsewhere (a suppression) suggests, as --rule does.
func ClosestRule(name string, rules []result.Rule) string {
	var candidates []string
	ids := map[string]string{}
	for _, r := range rules {
		candidates = append(candidates, r.ID, r.Name)
		ids[r.Name] = r.ID
	}
	best := closestName(name, candidates)
	if id, ok := ids[best]; ok && best != "" {
		return id
	}
	return best
}

// checkProfiles refuses a profile no loaded rule belongs to: a misspelled
// profile would otherwise silently leave its rules off.
func checkProfiles(rules []*ruleModule, profiles []string) error {
	var known []string
	for _, rm := range rules {
		if p := strings.ToLower(rm.meta.Profile); p != "" && !slices.Contains(known, p) {
			known = append(known, p)
		}
	}
	slices.Sort(known)
	for _, p := range profiles {
		if !slices.Contains(known, strings.ToLower(strings.TrimSpace(p))) {
			return &SelectionError{Setting: "profiles", Name: p, Suggestion: closestName(p, known), Known: known}
		}
	}
	return nil
}

// closestName returns the candidate closest to name (ignoring case) when it is
// close enough to be a plausible typo: at most a third of the name's
// length, and never more than 3 edits.
func closestName(name string, candidates []string) string {
	n := strings.ToUpper(strings.TrimSpace(name))
	best, bestDist := "", min(3, len(n)/3)+1
	for _, c := range candidates {
		if d := levenshtein.Distance(n, strings.ToUpper(c), nil); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
