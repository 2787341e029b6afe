package suppress

import (
	"fmt"
	"strings"
	"time"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Sources of a suppression, as result.Suppression.Source names them.
const (
	SourceInline   = "inline"
	SourceMetadata = "metadata"
	SourceConfig   = "config"
	SourceBaseline = "baseline"
)

// marker starts an inline suppression comment.
const marker = "rampart:ignore"

// directive is one suppression, wherever it is written, with what it
// covers.
type directive struct {
	source string
	// rules are the rule IDs or names as written.
	rules  []string
	reason string
	until  time.Time // zero: no expiry
	at     graph.Location
	scope  scope
}

// scope says which findings a directive covers. A directive covers a
// finding when every set field agrees with it.
type scope struct {
	// declFile and declLine are a resource's declaration: the findings of
	// the resource declared there (an inline comment above a resource).
	declFile string
	declLine int
	// file and first..last are the lines of an element: the findings
	// located there (an inline comment on or above an attribute).
	file        string
	first, last int
	// pathGlob and resource are the configuration file's `path` and
	// `resource`; the glob is matched against paths relative to
	// globBase, the configuration file's directory.
	pathGlob string
	globBase string
	resource string
}

// parseComment reads the text of a comment (without its `#` or `//`) as a
// suppression. ok is false when the comment is not one; err says what is
// wrong with one that is.
//
//	rampart:ignore AWS-SG-002[,AWS-SG-005...] [until=YYYY-MM-DD] [-- reason]
func parseComment(text string) (rules []string, until time.Time, reason string, ok bool, err error) {
	text = strings.TrimSpace(text)
	rest, found := strings.CutPrefix(text, marker)
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return nil, time.Time{}, "", false, nil
	}
	head, reason, _ := strings.Cut(rest, "--")
	reason = strings.TrimSpace(reason)
	for _, field := range strings.Fields(head) {
		if key, value, isOption := strings.Cut(field, "="); isOption {
			if key != "until" {
				return nil, time.Time{}, "", true, fmt.Errorf("%s: unknown option %q (the only option is until=YYYY-MM-DD; a reason follows --)", marker, key)
			}
			if until, err = parseDate(value); err != nil {
				return nil, time.Time{}, "", true, fmt.Errorf("%s: %w", marker, err)
			}
			continue
		}
		for _, r := range strings.Split(field, ",") {
			if r = strings.TrimSpace(r); r != "" {
				rules = append(rules, r)
			}
		}
	}
	if len(rules) == 0 {
		return nil, time.Time{}, "", true, fmt.Errorf("%s names no rule (write the rule IDs or names after it, comma-separated)", marker)
	}
	return rules, until, reason, true, nil
}

// parseDate reads an expiry date: the last day a suppression applies.
func parseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("until %q is not a date of the form YYYY-MM-DD", s)
	}
	return t, nil
}

// expired reports whether a suppression with expiry until no longer applies
// on day today: until is the last day it does.
func expired(until, today time.Time) bool {
	if until.IsZero() {
		return false
	}
	y, m, d := today.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).After(until)
}
