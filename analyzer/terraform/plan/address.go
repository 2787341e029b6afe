package plan

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// step is one part of a Terraform address or reference: an attribute name
// or an instance key. Keys are kept in the text form Terraform prints them
// in ("0", `"a"`), so an address rebuilt from steps is byte-identical to the
// one in the plan.
type step struct {
	name  string
	key   string
	isKey bool
}

func (s step) String() string {
	if s.isKey {
		return "[" + s.key + "]"
	}
	return s.name
}

// steps is a parsed address such as module.net[0].aws_instance.web["a"].id.
type steps []step

func (ss steps) String() string {
	var b strings.Builder
	for i, s := range ss {
		if !s.isKey && i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.String())
	}
	return b.String()
}

// hasPrefix reports whether p is a prefix of ss.
func (ss steps) hasPrefix(p steps) bool {
	if len(p) > len(ss) {
		return false
	}
	for i := range p {
		if ss[i] != p[i] {
			return false
		}
	}
	return true
}

// parseSteps parses the address and reference syntax Terraform writes into
// plan JSON: names separated by dots, with [N] or ["key"] instance keys.
func parseSteps(s string) (steps, error) {
	var out steps
	for i := 0; i < len(s); {
		switch s[i] {
		case '.':
			if i == 0 || i == len(s)-1 || s[i+1] == '.' || s[i+1] == '[' {
				return nil, fmt.Errorf("misplaced %q at offset %d", '.', i)
			}
			i++
		case '[':
			end, err := keyEnd(s, i+1)
			if err != nil {
				return nil, err
			}
			if i == 0 {
				return nil, fmt.Errorf("address starts with an index")
			}
			out = append(out, step{key: s[i+1 : end], isKey: true})
			i = end + 1
			if i < len(s) && s[i] != '.' && s[i] != '[' {
				return nil, fmt.Errorf("unexpected %q after index", s[i])
			}
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				if s[j] == ']' || s[j] == '"' {
					return nil, fmt.Errorf("unexpected %q at offset %d", s[j], j)
				}
				j++
			}
			out = append(out, step{name: s[i:j]})
			i = j
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty address")
	}
	return out, nil
}

// keyEnd returns the offset of the ']' closing the key that starts at i.
func keyEnd(s string, i int) (int, error) {
	if i < len(s) && s[i] == '"' {
		for j := i + 1; j < len(s); j++ {
			switch s[j] {
			case '\\':
				j++
			case '"':
				if j+1 < len(s) && s[j+1] == ']' {
					return j + 1, nil
				}
				return 0, fmt.Errorf("quoted key not followed by ']' at offset %d", j+1)
			}
		}
		return 0, fmt.Errorf("unterminated quoted key")
	}
	j := strings.IndexByte(s[i:], ']')
	if j <= 0 {
		return 0, fmt.Errorf("unterminated or empty index")
	}
	return i + j, nil
}

// modulePath is the module instance part of an address, split into call
// names and their instance keys: module.net[0].module.sg → calls [net sg].
type modulePath struct {
	addr  string   // "" for the root module
	calls []string // module call names from the root
}

// parseModulePath parses a module instance address ("module.net[0]").
func parseModulePath(addr string) (modulePath, error) {
	mp := modulePath{addr: addr}
	if addr == "" {
		return mp, nil
	}
	ss, err := parseSteps(addr)
	if err != nil {
		return mp, err
	}
	for i := 0; i < len(ss); {
		if ss[i].isKey || ss[i].name != "module" || i+1 >= len(ss) || ss[i+1].isKey {
			return mp, fmt.Errorf("%q is not a module address", addr)
		}
		mp.calls = append(mp.calls, ss[i+1].name)
		i += 2
		if i < len(ss) && ss[i].isKey {
			i++
		}
	}
	return mp, nil
}

// traversalSteps converts an HCL traversal into steps, formatting instance
// keys the way Terraform prints addresses. ok is false for traversals that
// are not static (splats) or use keys that cannot be instance keys.
func traversalSteps(t hcl.Traversal) (steps, bool) {
	var out steps
	for _, tr := range t {
		switch x := tr.(type) {
		case hcl.TraverseRoot:
			out = append(out, step{name: x.Name})
		case hcl.TraverseAttr:
			out = append(out, step{name: x.Name})
		case hcl.TraverseIndex:
			key, ok := instanceKey(x.Key)
			if !ok {
				return nil, false
			}
			out = append(out, step{key: key, isKey: true})
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// instanceKey renders a literal index as Terraform renders instance keys:
// integers bare, strings quoted with HCL's escapes.
func instanceKey(v cty.Value) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	switch v.Type() {
	case cty.Number:
		bf := v.AsBigFloat()
		if !bf.IsInt() {
			return "", false
		}
		i, _ := bf.Int(new(big.Int))
		return i.String(), true
	case cty.String:
		return hclQuote(v.AsString()), true
	}
	return "", false
}

// hclQuote quotes s as an HCL string literal, the form Terraform uses for
// string instance keys (template sequences escaped).
func hclQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case (c == '$' || c == '%') && i+1 < len(s) && s[i+1] == '{':
			b.WriteByte(c)
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u` + fmt.Sprintf("%04x", c))
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
