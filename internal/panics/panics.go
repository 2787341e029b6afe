// Package panics describes a recovered panic in a message a user can act on.
package panics

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Site returns the function and file that panicked, from a stack printed by
// runtime/debug.Stack in the deferred recover: the first frame after the
// panic that is not the runtime's own (a nil dereference passes through
// runtime.sigpanic). "" when the stack holds no panic. The whole stack
// would bury the message.
func Site(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "panic(") {
			start = i
			break
		}
	}
	if start < 0 {
		return ""
	}
	for i := start + 2; i+1 < len(lines); i += 2 {
		fn := lines[i]
		if strings.HasPrefix(fn, "runtime.") {
			continue
		}
		if paren := strings.LastIndexByte(fn, '('); paren > 0 {
			fn = fn[:paren]
		}
		file := strings.TrimSpace(lines[i+1])
		if sp := strings.IndexByte(file, ' '); sp > 0 {
			file = file[:sp]
		}
		return fn + " " + filepath.Base(file)
	}
	return ""
}

// Describe renders a recovered value with the site it panicked at.
func Describe(value any, stack []byte) string {
	msg := strings.TrimSpace(toString(value))
	if site := Site(stack); site != "" {
		msg += " (at " + site + ")"
	}
	return msg
}

func toString(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case string:
		return x
	}
	return fmt.Sprint(v)
}
