package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Path addresses a value inside an attribute tree: each step is a map key
// (string) or a list index (int).
type Path []any

// Append returns a new path with step added; the receiver is not modified.
func (p Path) Append(step ...any) Path {
	out := make(Path, 0, len(p)+len(step))
	out = append(out, p...)
	return append(out, step...)
}

// String renders the path the way users read attribute paths:
// ingress[0].cidr_blocks[1].
func (p Path) String() string {
	var b strings.Builder
	for _, step := range p {
		switch s := step.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", s)
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}

// ParsePath converts steps decoded from JSON or Rego (strings, float64,
// json.Number, ints) into a Path.
func ParsePath(steps []any) (Path, error) {
	out := make(Path, 0, len(steps))
	for _, s := range steps {
		switch x := s.(type) {
		case string:
			out = append(out, x)
		case int:
			out = append(out, x)
		case int64:
			out = append(out, int(x))
		case float64:
			out = append(out, int(x))
		case json.Number:
			n, err := strconv.Atoi(string(x))
			if err != nil {
				return nil, fmt.Errorf("path step %q is not an index: %w", x, err)
			}
			out = append(out, n)
		default:
			return nil, fmt.Errorf("path step %v (%T) is neither a key nor an index", s, s)
		}
	}
	return out, nil
}
