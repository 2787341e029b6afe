package result

import "strings"

// SplitAddress splits a resource ID into the module instance or nested
// stack path and the address inside it: module.a[0].module.b["k"] and
// aws_security_group.this for a Terraform address, Network/Db and WebSG for
// the CloudFormation ID Network/Db/WebSG.
func SplitAddress(id string, cloudFormation bool) (module, resource string) {
	if cloudFormation {
		// Logical IDs are alphanumeric, so the last slash ends the
		// stack path.
		if i := strings.LastIndexByte(id, '/'); i >= 0 {
			return id[:i], id[i+1:]
		}
		return "", id
	}
	rest := id
	for strings.HasPrefix(rest, "module.") {
		n := moduleStepLen(rest)
		if n < 0 || n >= len(rest) || rest[n] != '.' {
			break // no resource after it
		}
		rest = rest[n+1:]
	}
	return strings.TrimSuffix(id[:len(id)-len(rest)], "."), rest
}

// ModuleSteps splits an instance's Module into its steps, outermost first:
// module.a[0] and module.b["k"], or the logical IDs of a nested stack path.
func (in Instance) ModuleSteps() []string {
	if in.Module == "" {
		return nil
	}
	if !strings.HasPrefix(in.Module, "module.") {
		return strings.Split(in.Module, "/")
	}
	var steps []string
	for rest := in.Module; rest != ""; {
		n := moduleStepLen(rest)
		if n < 0 {
			return append(steps, rest)
		}
		steps = append(steps, rest[:n])
		rest = strings.TrimPrefix(rest[n:], ".")
	}
	return steps
}

// moduleStepLen is the length of the leading `module.NAME` or
// `module.NAME[KEY]` step of a Terraform address, or -1 when an instance
// key is not closed. A for_each key is a quoted string that may itself
// hold dots, brackets and escaped quotes.
func moduleStepLen(addr string) int {
	i := len("module.")
	for i < len(addr) && addr[i] != '.' && addr[i] != '[' {
		i++
	}
	if i < len(addr) && addr[i] == '[' {
		return keyEnd(addr, i)
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
