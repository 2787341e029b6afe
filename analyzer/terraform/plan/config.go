package plan

import "strings"

// module is one module of the plan's configuration section. Configuration
// is per module, not per module instance: every instance of module.net[*]
// shares one module, and resource addresses inside it are module-relative
// (aws_vpc.this).
type module struct {
	parent    *module
	name      string           // call name in the parent; "" for the root
	key       string           // dotted call path from the root ("net.sg"), as in .terraform/modules/modules.json
	resources map[string]*node // by module-relative address (aws_vpc.this, data.aws_ami.x)
	calls     map[string]*moduleCall
	outputs   map[string]*node // output name → expression
}

// moduleCall is a module block: its source and argument expressions.
type moduleCall struct {
	source string
	exprs  *node
	mod    *module
}

// display names the module the way Terraform addresses it, without
// instance keys: module.net.module.sg.
func (m *module) display() string {
	if m.key == "" {
		return "the root module"
	}
	return "module." + strings.ReplaceAll(m.key, ".", ".module.")
}

// buildModule reads a configuration module (root_module, or the module of a
// module call). n may be nil: a plan without configuration has no
// references but is otherwise complete.
func (p *parser) buildModule(n *node, parent *module, name string, depth int) *module {
	m := &module{
		parent:    parent,
		name:      name,
		resources: map[string]*node{},
		calls:     map[string]*moduleCall{},
		outputs:   map[string]*node{},
	}
	if parent != nil {
		m.key = name
		if parent.key != "" {
			m.key = parent.key + "." + name
		}
	}
	if n == nil {
		return m
	}
	if !n.isObject() {
		p.unit.Diagnostics.Warnf(p.span(n), "configuration module is not an object; references are not followed")
		return m
	}
	if rs := n.get("resources"); rs.isArray() {
		for _, r := range rs.items {
			addr, ok := r.get("address").text()
			if !ok {
				continue
			}
			m.resources[addr] = r
		}
	}
	if outs := n.get("outputs"); outs.isObject() {
		for _, k := range outs.keys {
			m.outputs[k] = outs.fields[k].get("expression")
		}
	}
	if calls := n.get("module_calls"); calls.isObject() {
		for _, k := range calls.keys {
			c := calls.fields[k]
			src, _ := c.get("source").text()
			mc := &moduleCall{source: src, exprs: c.get("expressions")}
			// Depth is bounded by the JSON depth limit too; this keeps the
			// recursion's own bound explicit.
			if depth < maxDepth {
				mc.mod = p.buildModule(c.get("module"), m, k, depth+1)
			}
			m.calls[k] = mc
		}
	}
	return m
}

// configModule returns the configuration module of a module instance, or
// nil when the configuration does not describe it.
func (p *parser) configModule(calls []string) *module {
	m := p.config
	for _, c := range calls {
		if m == nil {
			return nil
		}
		mc := m.calls[c]
		if mc == nil {
			return nil
		}
		m = mc.mod
	}
	return m
}

// isExpression reports whether a configuration "expressions" entry is an
// expression ({"constant_value": ...} or {"references": [...]}, or {} for
// an expression that is neither) rather than a nested block.
func isExpression(n *node) bool {
	if !n.isObject() {
		return false
	}
	if len(n.keys) == 0 {
		return true
	}
	for _, k := range n.keys {
		if k != "constant_value" && k != "references" {
			return false
		}
	}
	return true
}

// references returns an expression's references, parsed, without the ones
// that only repeat a prefix of another: Terraform lists aws_sg.web.id and
// aws_sg.web for one traversal, and both mean the same use.
func references(expr *node) []steps {
	refs := expr.get("references")
	if !refs.isArray() {
		return nil
	}
	var all []steps
	for _, r := range refs.items {
		s, ok := r.text()
		if !ok {
			continue
		}
		ss, err := parseSteps(s)
		if err != nil {
			continue
		}
		all = append(all, ss)
	}
	var out []steps
	for i, a := range all {
		redundant := false
		for j, b := range all {
			if i == j {
				continue
			}
			// a strict prefix of b, or an earlier duplicate of it.
			if b.hasPrefix(a) && (len(b) > len(a) || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, a)
		}
	}
	return out
}
