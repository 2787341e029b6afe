package engine

import (
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// withDependencies returns mods (the user's policy modules) with every
// library and selected rule module they read, transitively. User policies
// are compiled, type-checked, when the engine is built; compiling every
// built-in library with them would make each scan with a --policy-dir pay
// for type-checking the IAM and S3 helpers its rules never call
// (BenchmarkCustomPolicies).
func (c *catalog) withDependencies(mods map[string]*ast.Module) (map[string]*ast.Module, error) {
	out := maps.Clone(mods)
	queue := slices.Collect(maps.Values(mods))
	if err := c.addDependencies(out, queue); err != nil {
		return nil, err
	}
	return out, nil
}

// userGroups splits the user modules into at most n groups that each
// compile on their own: modules that refer to one another's packages
// (a team's helper library and its rules) are kept together.
func userGroups(mods map[string]*ast.Module, n int) []map[string]*ast.Module {
	names := slices.Sorted(maps.Keys(mods))
	parent := make(map[string]string, len(names))
	var find func(string) string
	find = func(x string) string {
		if parent[x] == x {
			return x
		}
		parent[x] = find(parent[x])
		return parent[x]
	}
	for _, name := range names {
		parent[name] = name
	}
	packages := newPackageIndex[string]()
	for _, name := range names {
		packages.add(mods[name].Package.Path, name)
	}
	for _, a := range names {
		for _, ref := range dataRefs(mods[a]) {
			for _, b := range packages.reading(ref) {
				if a != b {
					parent[find(a)] = find(b)
				}
			}
		}
	}
	components := map[string][]string{}
	for _, name := range names {
		root := find(name)
		components[root] = append(components[root], name)
	}
	// Largest components first, each to the smallest group so far.
	ordered := slices.SortedFunc(maps.Values(components), func(a, b []string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a[0], b[0])
	})
	groups := make([]map[string]*ast.Module, max(1, min(n, len(ordered))))
	for i := range groups {
		groups[i] = map[string]*ast.Module{}
	}
	for _, comp := range ordered {
		smallest := slices.MinFunc(groups, func(a, b map[string]*ast.Module) int { return len(a) - len(b) })
		for _, name := range comp {
			smallest[name] = mods[name]
		}
	}
	return groups
}
