package engine

import (
	"maps"

	"github.com/open-policy-agent/opa/v1/ast"
)

// withDependencies returns mods (the user's policy modules) with every
// library and selected rule module they read, transitively. User policies
// are compiled, type-checked against the input schema, when the engine is
// built; compiling every built-in library with them would make each scan
// with a --policy-dir pay for type-checking the IAM and S3 helpers its
// rules never call (BenchmarkCustomPolicies).
func (c *catalog) withDependencies(mods map[string]*ast.Module) (map[string]*ast.Module, error) {
	out := maps.Clone(mods)
	queue := make([]*ast.Module, 0, len(mods))
	for _, m := range mods {
		queue = append(queue, m)
	}
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		for _, ref := range dataRefs(m) {
			for name, lib := range c.libs {
				if _, done := out[name]; done || !overlaps(ref, lib.Package.Path) {
					continue
				}
				parsed, err := c.library(name)
				if err != nil {
					return nil, err
				}
				out[name] = parsed
				queue = append(queue, parsed)
			}
			for rm := range c.rules {
				if _, done := out[rm.file]; done || !overlaps(ref, rm.pkg) {
					continue
				}
				other, err := c.ruleModule(rm)
				if err != nil {
					return nil, err
				}
				out[rm.file] = other
				queue = append(queue, other)
			}
		}
	}
	return out, nil
}
