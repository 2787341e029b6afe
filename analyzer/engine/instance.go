package engine

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// instanceOf describes the evaluation c came from: the unit (root module,
// plan or top-level template), the module instance or nested stack inside
// it, and the resource's address there.
func instanceOf(c *graph.Canonical, trace graph.Trace) result.Instance {
	module, resource := splitAddress(c.Native)
	return result.Instance{
		Root:     strings.TrimSuffix(c.UID, "#"+c.ID),
		Module:   module,
		Resource: resource,
		Trace:    append(graph.Trace(nil), trace...),
	}
}

// splitAddress splits a resource's ID into the module instance or nested
// stack path and the address inside it.
func splitAddress(r *graph.Resource) (module, resource string) {
	if r.Source == graph.SourceCloudFormation {
		// Nested stack children are "Parent/Child"; logical IDs are
		// alphanumeric, so the last slash ends the stack path.
		if i := strings.LastIndexByte(r.ID, '/'); i >= 0 {
			return r.ID[:i], r.ID[i+1:]
		}
		return "", r.ID
	}
	rest := r.ID
	for strings.HasPrefix(rest, "module.") {
		n := moduleStepLen(rest)
		if n < 0 {
			break
		}
		rest = rest[n+1:] // and the dot after the step
	}
	module = strings.TrimSuffix(r.ID[:len(r.ID)-len(rest)], ".")
	return module, rest
}

// moduleStepLen is the length of the leading `module.NAME` or
// `module.NAME[KEY]` step of a Terraform address, or -1 when the address
// has no resource after it. A for_each key is a quoted string that may
// itself hold dots and brackets.
func moduleStepLen(addr string) int {
	i := len("module.")
	for i < len(addr) && addr[i] != '.' && addr[i] != '[' {
		i++
	}
	if i < len(addr) && addr[i] == '[' {
		end := keyEnd(addr, i)
		if end < 0 {
			return -1
		}
		i = end
	}
	if i >= len(addr) || addr[i] != '.' {
		return -1
	}
	return i
}

// keyEnd returns the index just past the bracketed instance key that
// starts at addr[open], or -1 when it is not closed.
func keyEnd(addr string, open int) int {
	quoted := false
	for i := open + 1; i < len(addr); i++ {
		switch c := addr[i]; {
		case quoted && c == '\\':
			i++
		case c == '"':
			quoted = !quoted
		case !quoted && c == ']':
			return i + 1
		}
	}
	return -1
}
