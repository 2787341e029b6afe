package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// readStep is one step of a METADATA custom.reads path: a map key, a list
// index, or [*] (every element).
type readStep struct {
	key   string
	index int
	kind  stepKind
}

type stepKind uint8

const (
	stepKey stepKind = iota
	stepIndex
	stepEach
)

// readPath is a parsed property path such as ingress[*].cidrs[*].
type readPath []readStep

// parseReadPath parses "a.b[*].c[0]". Keys are identifiers as written in
// docs/model.md; there is no quoting because canonical names are snake_case.
func parseReadPath(s string) (readPath, error) {
	var out readPath
	rest := strings.TrimSpace(s)
	if rest == "" {
		return nil, fmt.Errorf("empty property path")
	}
	for rest != "" {
		switch {
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return nil, fmt.Errorf("property path %q: unclosed [", s)
			}
			inner := rest[1:end]
			if inner == "*" {
				out = append(out, readStep{kind: stepEach})
			} else {
				n, err := strconv.Atoi(inner)
				if err != nil || n < 0 {
					return nil, fmt.Errorf("property path %q: [%s] is neither [*] nor an index", s, inner)
				}
				out = append(out, readStep{kind: stepIndex, index: n})
			}
			rest = rest[end+1:]
		case rest[0] == '.':
			if len(out) == 0 {
				return nil, fmt.Errorf("property path %q starts with a dot", s)
			}
			rest = rest[1:]
			if rest == "" || rest[0] == '.' || rest[0] == '[' {
				return nil, fmt.Errorf("property path %q: empty key", s)
			}
		default:
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			out = append(out, readStep{kind: stepKey, key: rest[:end]})
			rest = rest[end:]
		}
	}
	return out, nil
}

// firstUnknown walks p from v and returns the first Unknown value met on
// the way (a whole list being Unknown counts as much as one element), with
// its path; nil when everything the path reaches is known or absent.
func firstUnknown(v *graph.Value, p readPath) (*graph.Value, graph.Path) {
	return walkUnknown(v, p, nil)
}

func walkUnknown(v *graph.Value, p readPath, at graph.Path) (*graph.Value, graph.Path) {
	if v == nil {
		return nil, nil
	}
	if v.IsUnknown() {
		return v, at
	}
	if len(p) == 0 {
		return nil, nil
	}
	step := p[0]
	switch step.kind {
	case stepKey:
		return walkUnknown(v.Get(step.key), p[1:], at.Append(step.key))
	case stepIndex:
		return walkUnknown(v.Index(step.index), p[1:], at.Append(step.index))
	default:
		// [*] visits list elements, and map entries in source order.
		for i, e := range v.List {
			if u, up := walkUnknown(e, p[1:], at.Append(i)); u != nil {
				return u, up
			}
		}
		for _, k := range v.Keys {
			if u, up := walkUnknown(v.Fields[k], p[1:], at.Append(k)); u != nil {
				return u, up
			}
		}
	}
	return nil, nil
}
