package terraform

import (
	"github.com/hashicorp/hcl/v2"
)

// A configuration Terraform accepts has no cycle, and building the graph
// of node names that reports one (depGraph) cost a tree of repositories 5 %
// of its CPU: it was built for every root from scratch, though most of it
// is the same shared module's. So both graphs are now assembled from a
// per-module part built once (moduleGraph), and checkCycles first asks
// the graph of integers whether there is a cycle at all; it builds the
// graph of names only to report one (TestCycleCheckAgreesWithGraph).

// moduleGraph is the part of the dependency graph that a module's
// configuration fixes: its nodes, by name within the module ("local.x",
// "aws_vpc.this", "module.m"), and the references between them. A
// reference to a module call's outputs is resolved per root, since the
// call's module is the root's instance.
type moduleGraph struct {
	names    []string
	index    map[string]int
	resource []bool
	refs     [][]moduleRef
	// outputs are the output nodes, all of which a reference to the
	// module as a whole reads.
	outputs []int
	// args are the references of each module call's arguments, by call
	// and variable name: the edges of the child's variable nodes.
	args map[string]map[string][]moduleRef
}

// moduleRef is a reference to a node of the module (to >= 0) or to the
// outputs of one of its module calls: the one named, or all of them; at
// is where it is written.
type moduleRef struct {
	to     int
	call   string
	output string
	at     hcl.Range
}

// cycleGraph returns the module's part of the dependency graph, built on
// first use.
func (m *moduleConfig) cycleGraph(vars func(hcl.Expression) []hcl.Traversal) *moduleGraph {
	m.cycleOnce.Do(func() { m.cycles = buildModuleGraph(m, vars) })
	return m.cycles
}

// buildModuleGraph builds a module's part of the graph: a node for each
// local value, variable, output, resource and module call, and its
// references in the order they are written.
func buildModuleGraph(cfg *moduleConfig, vars func(hcl.Expression) []hcl.Traversal) *moduleGraph {
	g := &moduleGraph{index: map[string]int{}, args: map[string]map[string][]moduleRef{}}
	node := func(name string) int {
		if i, ok := g.index[name]; ok {
			return i
		}
		i := len(g.refs)
		g.index[name] = i
		g.names = append(g.names, name)
		g.refs = append(g.refs, nil)
		g.resource = append(g.resource, false)
		return i
	}
	// Every node first, so that a reference finds a node declared after
	// it.
	for name := range cfg.locals {
		node("local." + name)
	}
	for name := range cfg.variables {
		node("var." + name)
	}
	for name := range cfg.outputs {
		g.outputs = append(g.outputs, node("output."+name))
	}
	for _, rc := range cfg.resources {
		g.resource[node(rc.addr())] = true
	}
	for _, call := range cfg.calls {
		node("module." + call.name)
	}

	refer := func(from int, ts []hcl.Traversal) {
		for _, t := range ts {
			g.refs[from] = append(g.refs[from], g.resolve(cfg, t)...)
		}
	}
	referExprs := func(from int, exprs ...hcl.Expression) {
		for _, e := range exprs {
			if e != nil {
				refer(from, vars(e))
			}
		}
	}
	for name, a := range cfg.locals {
		referExprs(g.index["local."+name], a.Expr)
	}
	for name, o := range cfg.outputs {
		from := g.index["output."+name]
		referExprs(from, append(conditionExprs(o.preconditions), o.expr)...)
		refer(from, o.dependsOn)
	}
	for _, rc := range cfg.resources {
		from := g.index[rc.addr()]
		referExprs(from, rc.count, rc.forEach)
		refer(from, resourceTraversals(rc, vars))
		refer(from, rc.dependsOn)
	}
	for _, call := range cfg.calls {
		from := g.index["module."+call.name]
		referExprs(from, call.count, call.forEach)
		refer(from, call.dependsOn)
		args := make(map[string][]moduleRef, len(call.args))
		for name, a := range call.args {
			var refs []moduleRef
			for _, t := range vars(a.Expr) {
				refs = append(refs, g.resolve(cfg, t)...)
			}
			args[name] = refs
		}
		g.args[call.name] = args
	}
	return g
}

// resolve returns the nodes a reference refers to: none for what is no
// node (count.index, each.key, path.module, self, a dynamic block's
// iterator) or is not declared (reported elsewhere).
func (g *moduleGraph) resolve(cfg *moduleConfig, t hcl.Traversal) []moduleRef {
	root := t.RootName()
	name, ok := attrStep(t, 1)
	if !ok {
		return nil
	}
	at := t.SourceRange()
	local := func(node string) []moduleRef {
		if i, ok := g.index[node]; ok {
			return []moduleRef{{to: i, at: at}}
		}
		return nil
	}
	switch root {
	case "var":
		if cfg.variables[name] != nil {
			return local("var." + name)
		}
	case "local":
		if cfg.locals[name] != nil {
			return local("local." + name)
		}
	case "module":
		steps := t[2:]
		for len(steps) > 0 && isIndexStep(steps[0]) {
			steps = steps[1:]
		}
		out, _ := attrStep(steps, 0)
		return []moduleRef{{to: -1, call: name, output: out, at: at}}
	case "count", "each", "path", "terraform", "self":
	case "data":
		if n, ok := attrStep(t, 2); ok && cfg.byAddr["data."+name+"."+n] != nil {
			return local("data." + name + "." + n)
		}
	case "resource":
		if n, ok := attrStep(t, 2); ok && cfg.byAddr[name+"."+n] != nil {
			return local(name + "." + n)
		}
	default:
		if cfg.byAddr[root+"."+name] != nil {
			return local(root + "." + name)
		}
	}
	return nil
}

// hasCycle reports whether the configuration evaluated has a cycle that
// checkCycles reports: a strongly connected component through a resource
// or data source, of more than one node or with an edge to itself.
func (ev *evaluator) hasCycle() bool {
	graphs := make(map[string]*moduleGraph, len(ev.modulePaths))
	base := make(map[string]int, len(ev.modulePaths))
	n := 0
	for path, mi := range ev.modulePaths {
		g := mi.cfg.cycleGraph(ev.loader.variables)
		graphs[path], base[path] = g, n
		n += len(g.refs)
	}
	edges := make([][]int, n)
	resource := make([]bool, n)
	for path, g := range graphs {
		b, pre := base[path], modulePrefix(path)
		add := func(from int, r moduleRef) {
			if r.to >= 0 {
				edges[from] = append(edges[from], b+r.to)
				return
			}
			call := pre + "module." + r.call
			child := graphs[call]
			if child == nil {
				return
			}
			if r.output == "" {
				for _, o := range child.outputs {
					edges[from] = append(edges[from], base[call]+o)
				}
			} else if o, ok := child.index["output."+r.output]; ok {
				edges[from] = append(edges[from], base[call]+o)
			}
		}
		for i, refs := range g.refs {
			resource[b+i] = g.resource[i]
			for _, r := range refs {
				add(b+i, r)
			}
		}
		// A child's variable depends on the argument its caller sets.
		for callName, args := range g.args {
			call := pre + "module." + callName
			child := graphs[call]
			if child == nil {
				continue
			}
			for name, refs := range args {
				v, ok := child.index["var."+name]
				if !ok {
					continue
				}
				for _, r := range refs {
					add(base[call]+v, r)
				}
			}
		}
		// Everything in a module call's module waits for its expansion.
		if mi := ev.modulePaths[path]; path != "" && mi.parent != nil && mi.call != nil {
			parent := mi.parent.path
			if pg := graphs[parent]; pg != nil {
				if c, ok := pg.index["module."+mi.call.name]; ok {
					for i := range g.refs {
						edges[b+i] = append(edges[b+i], base[parent]+c)
					}
				}
			}
		}
	}
	return hasReportedCycle(edges, resource)
}

// hasReportedCycle reports whether the graph has a component that
// checkCycles reports (reportedCycle).
func hasReportedCycle(edges [][]int, resource []bool) bool {
	has := false
	stronglyConnected(edges, func(comp []int) bool {
		has = reportedCycle(comp, edges, resource)
		return has
	})
	return has
}
