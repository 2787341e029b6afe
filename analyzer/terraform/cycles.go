package terraform

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Terraform plans in the order of a graph whose nodes are the objects of
// the configuration, one per module path whatever the instances: each
// resource and data source, local value, input variable, output value and
// module call (its expansion). An edge is a reference, and a cycle in that
// graph fails the plan ("Cycle: ..."), as does a resource that refers to
// itself ("Self-referential block"). Evaluation alone does not find every
// such cycle: a resource read for an attribute its provider computes reads
// nothing of the other. So the graph is built from the configurations
// once they are all loaded, and checked for cycles through resources;
// cycles of named values alone are found, and reported, where evaluation
// meets them (evaluator.once).

// depGraph is the configuration-level dependency graph of a root module
// and every module under it.
type depGraph struct {
	edges map[string][]depEdge
	// resources are the nodes that are resources or data sources.
	resources map[string]bool
	// insts is an instance of each module path, for the module context
	// of a diagnostic.
	insts map[string]*moduleInstance
	// vars gives an expression's references (loader.variables).
	vars func(hcl.Expression) []hcl.Traversal
}

// depEdge is a reference from one node to another, where it is written.
type depEdge struct {
	to string
	at hcl.Range
}

// noteModulePath records an instance of a module path for checkCycles.
// The first instance evaluated at a path stands for all of them: the
// graph is the same for each.
func (ev *evaluator) noteModulePath(mi *moduleInstance) {
	if ev.modulePaths == nil {
		ev.modulePaths = map[string]*moduleInstance{}
	}
	if _, ok := ev.modulePaths[mi.path]; !ok {
		ev.modulePaths[mi.path] = mi
	}
}

// checkCycles reports every cycle of the configuration that goes through a
// resource or data source, once the whole tree has been evaluated. The
// graph of names that says where a cycle is is built only when there is
// one (hasCycle).
func (ev *evaluator) checkCycles() {
	if !ev.hasCycle() {
		return
	}
	g := ev.dependencyGraph()
	for _, comp := range g.components() {
		ev.reportCycle(g, comp)
	}
}

// dependencyGraph is the graph of the configuration evaluated, by node
// names.
func (ev *evaluator) dependencyGraph() *depGraph {
	g := &depGraph{edges: map[string][]depEdge{}, resources: map[string]bool{}, insts: ev.modulePaths, vars: ev.loader.variables}
	for _, path := range slices.Sorted(maps.Keys(ev.modulePaths)) {
		g.addModule(path, ev.modulePaths[path].cfg)
	}
	return g
}

// writtenIn is an instance of the module whose files hold rng.
func (g *depGraph) writtenIn(rng hcl.Range) *moduleInstance {
	dir := filepath.Dir(filepath.Clean(rng.Filename))
	for _, path := range slices.Sorted(maps.Keys(g.insts)) {
		if mi := g.insts[path]; filepath.Clean(mi.cfg.dir) == dir {
			return mi
		}
	}
	return nil
}

// modulePrefix is what a module path puts before the nodes inside it.
func modulePrefix(path string) string {
	if path == "" {
		return ""
	}
	return path + "."
}

// addModule adds the nodes of one module path and their references: the
// module's part of the graph (moduleGraph) under the path's prefix, the
// references of its calls' arguments as the edges of the child modules'
// variables, and an edge from every node to the module's expansion.
func (g *depGraph) addModule(path string, cfg *moduleConfig) {
	mg := cfg.cycleGraph(g.vars)
	pre := modulePrefix(path)
	for i, refs := range mg.refs {
		node := pre + mg.names[i]
		if mg.resource[i] {
			g.resources[node] = true
		}
		g.addRefs(node, pre, mg, refs)
	}
	// A child's variable depends on the argument its caller sets; a root
	// variable on nothing.
	for call, args := range mg.args {
		child := g.insts[pre+"module."+call]
		if child == nil {
			continue
		}
		cg := child.cfg.cycleGraph(g.vars)
		for name, refs := range args {
			if _, ok := cg.index["var."+name]; ok {
				g.addRefs(pre+"module."+call+".var."+name, pre, mg, refs)
			}
		}
	}
	// Everything in a module call's module waits for its expansion.
	if path != "" {
		for _, name := range mg.names {
			g.edges[pre+name] = append(g.edges[pre+name], depEdge{to: path})
		}
	}
}

func conditionExprs(vs []validation) []hcl.Expression {
	out := make([]hcl.Expression, 0, 2*len(vs))
	for _, v := range vs {
		out = append(out, v.condition, v.errorMessage)
	}
	return out
}

// addRefs adds an edge from node to each object the references of the
// module graph mg, under prefix pre, refer to.
func (g *depGraph) addRefs(node, pre string, mg *moduleGraph, refs []moduleRef) {
	for _, r := range refs {
		if r.to >= 0 {
			g.edges[node] = append(g.edges[node], depEdge{to: pre + mg.names[r.to], at: r.at})
			continue
		}
		for _, to := range g.outputTargets(pre+"module."+r.call, r.output) {
			g.edges[node] = append(g.edges[node], depEdge{to: to, at: r.at})
		}
	}
}

// outputTargets are the output nodes a reference to a module call reads:
// the output it names, or every output when it uses the module whole
// (output "").
func (g *depGraph) outputTargets(call, output string) []string {
	child := g.insts[call]
	if child == nil {
		return nil
	}
	cg := child.cfg.cycleGraph(g.vars)
	if output != "" {
		if _, ok := cg.index["output."+output]; !ok {
			return nil
		}
		return []string{call + ".output." + output}
	}
	out := make([]string, 0, len(cg.outputs))
	for _, o := range cg.outputs {
		out = append(out, call+"."+cg.names[o])
	}
	return out
}

// resourceTraversals are the references of a resource's body (its
// arguments and nested blocks, dynamic ones too), its lifecycle
// conditions and replace_triggered_by. count, for_each and depends_on are
// added apart.
func resourceTraversals(rc *resourceConfig, vars func(hcl.Expression) []hcl.Traversal) []hcl.Traversal {
	var out []hcl.Traversal
	for _, it := range rc.items {
		switch {
		case it.expr != nil:
			out = append(out, vars(it.expr)...)
		case it.block != nil:
			out = append(out, bodyTraversals(it.block.Body, vars)...)
		case it.jdyn != nil:
			attrs, _ := it.jdyn.Body.JustAttributes()
			for _, a := range attrs {
				out = append(out, vars(a.Expr)...)
			}
		}
	}
	for _, e := range conditionExprs(append(slices.Clip(rc.preconditions), rc.postconditions...)) {
		if e != nil {
			out = append(out, vars(e)...)
		}
	}
	if rc.lifecycle != nil {
		content, _, _ := rc.lifecycle.Body.PartialContent(replaceTriggeredSchema)
		if a := content.Attributes["replace_triggered_by"]; a != nil {
			out = append(out, vars(a.Expr)...)
		}
	}
	return out
}

var replaceTriggeredSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "replace_triggered_by"}},
}

// bodyTraversals are the references of every expression in a native
// syntax body and the blocks nested in it.
func bodyTraversals(b *hclsyntax.Body, vars func(hcl.Expression) []hcl.Traversal) []hcl.Traversal {
	var out []hcl.Traversal
	for _, a := range b.Attributes {
		out = append(out, vars(a.Expr)...)
	}
	for _, nb := range b.Blocks {
		out = append(out, bodyTraversals(nb.Body, vars)...)
	}
	return out
}

// components are the strongly connected components of the graph that are
// cycles through a resource (reportedCycle), each sorted, found from the
// nodes in sorted order so the report is stable.
func (g *depGraph) components() [][]string {
	seen := map[string]bool{}
	for from, es := range g.edges {
		seen[from] = true
		for _, e := range es {
			seen[e.to] = true
		}
	}
	names := slices.Sorted(maps.Keys(seen))
	id := make(map[string]int, len(names))
	for i, n := range names {
		id[n] = i
	}
	edges := make([][]int, len(names))
	resource := make([]bool, len(names))
	for i, n := range names {
		resource[i] = g.resources[n]
		for _, e := range g.edges[n] {
			edges[i] = append(edges[i], id[e.to])
		}
	}
	var out [][]string
	stronglyConnected(edges, func(comp []int) bool {
		if reportedCycle(comp, edges, resource) {
			c := make([]string, len(comp))
			for k, i := range comp {
				c[k] = names[i]
			}
			slices.Sort(c)
			out = append(out, c)
		}
		return false
	})
	return out
}

// stronglyConnected calls found with each strongly connected component of
// a graph of nodes 0 to len(edges)-1, as Tarjan's algorithm completes it
// (iterative, so a long chain cannot exhaust the stack), until found
// returns true.
func stronglyConnected(edges [][]int, found func(comp []int) (stop bool)) {
	n := len(edges)
	index, low := make([]int, n), make([]int, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	type frame struct{ node, next int }
	var work []frame
	next := 0
	for start := range n {
		if index[start] >= 0 {
			continue
		}
		index[start], low[start] = next, next
		next++
		stack = append(stack, start)
		onStack[start] = true
		work = append(work[:0], frame{node: start})
		for len(work) > 0 {
			f := &work[len(work)-1]
			if f.next < len(edges[f.node]) {
				to := edges[f.node][f.next]
				f.next++
				if index[to] < 0 {
					index[to], low[to] = next, next
					next++
					stack = append(stack, to)
					onStack[to] = true
					work = append(work, frame{node: to})
				} else if onStack[to] {
					low[f.node] = min(low[f.node], index[to])
				}
				continue
			}
			node := f.node
			work = work[:len(work)-1]
			if len(work) > 0 {
				parent := work[len(work)-1].node
				low[parent] = min(low[parent], low[node])
			}
			if low[node] != index[node] {
				continue
			}
			var comp []int
			for {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				onStack[top] = false
				comp = append(comp, top)
				if top == node {
					break
				}
			}
			if found(comp) {
				return
			}
		}
	}
}

// reportedCycle reports whether a component is a cycle rampart reports
// here: one through a resource or data source, of more than one node or
// with an edge from its node to itself.
func reportedCycle(comp []int, edges [][]int, resource []bool) bool {
	if !slices.ContainsFunc(comp, func(i int) bool { return resource[i] }) {
		return false
	}
	return len(comp) > 1 || slices.Contains(edges[comp[0]], comp[0])
}

// cyclePath is a shortest cycle through the first node of a component,
// as its edges in order.
func (g *depGraph) cyclePath(comp []string) []depEdge {
	in := make(map[string]bool, len(comp))
	for _, n := range comp {
		in[n] = true
	}
	start := comp[0]
	type step struct {
		from string
		edge depEdge
	}
	prev := map[string]step{}
	queue := []string{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, e := range g.edges[n] {
			if !in[e.to] {
				continue
			}
			if e.to == start {
				path := []depEdge{e}
				for at := n; at != start; at = prev[at].from {
					path = append(path, prev[at].edge)
				}
				slices.Reverse(path)
				return path
			}
			if _, seen := prev[e.to]; !seen {
				prev[e.to] = step{from: n, edge: e}
				queue = append(queue, e.to)
			}
		}
	}
	return nil
}

// reportCycle reports one cycle at its first written reference, in the
// module it is written in.
func (ev *evaluator) reportCycle(g *depGraph, comp []string) {
	path := g.cyclePath(comp)
	if len(path) == 0 {
		return
	}
	names := []string{comp[0]}
	at := hcl.Range{}
	for _, e := range path {
		names = append(names, e.to)
		if at.Filename == "" && e.at.Filename != "" {
			at = e.at
		}
	}
	if mi := g.writtenIn(at); mi != nil {
		defer ev.within(mi)()
	}
	if len(path) == 1 {
		ev.errorAt(loc(at), "Self-referential block",
			fmt.Sprintf("the configuration of %s may not refer to itself", comp[0]))
		return
	}
	ev.errorAt(loc(at), "Cycle in references", strings.Join(names, " -> "))
}
