package main

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/resolve"
)

// writeDOT renders an inspection as a Graphviz digraph: one cluster per
// unit (a template with its nested stacks, a Terraform root module, a plan)
// and, inside it, one per file when the unit spans several; a node per
// resource labelled with its ID and type; an edge per reference the
// front-end recorded, labelled with its kind and attribute.
func writeDOT(w io.Writer, ins *analyzer.Inspection) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph rampart {")
	// newrank ranks the whole graph at once rather than cluster by
	// cluster: references that cross between file clusters in both
	// directions otherwise make dot fail ("trouble in init_rank").
	fmt.Fprintln(bw, `  graph [rankdir=LR, newrank=true, fontname="Helvetica", fontsize=11];`)
	fmt.Fprintln(bw, `  node [shape=box, style=rounded, fontname="Helvetica", fontsize=10];`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica", fontsize=9];`)
	for i, u := range ins.Units {
		writeUnitCluster(bw, i, u)
	}
	for _, u := range ins.Units {
		writeUnitEdges(bw, u)
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

func writeUnitCluster(w io.Writer, i int, u *graph.Unit) {
	fmt.Fprintf(w, "  subgraph %s {\n", dotQuote(fmt.Sprintf("cluster_%d", i)))
	fmt.Fprintf(w, "    label=%s;\n", dotQuote(string(u.Source)+" "+u.Path))
	var files []string
	byFile := map[string][]*graph.Resource{}
	for _, r := range u.Resources {
		if _, seen := byFile[r.Loc.File]; !seen {
			files = append(files, r.Loc.File)
		}
		byFile[r.Loc.File] = append(byFile[r.Loc.File], r)
	}
	if len(files) == 1 {
		writeNodes(w, "    ", u, byFile[files[0]])
	} else {
		sort.Strings(files)
		for j, f := range files {
			fmt.Fprintf(w, "    subgraph %s {\n", dotQuote(fmt.Sprintf("cluster_%d_%d", i, j)))
			fmt.Fprintf(w, "      label=%s;\n", dotQuote(f))
			writeNodes(w, "      ", u, byFile[f])
			fmt.Fprintln(w, "    }")
		}
	}
	fmt.Fprintln(w, "  }")
}

func writeNodes(w io.Writer, indent string, u *graph.Unit, rs []*graph.Resource) {
	for _, r := range rs {
		fmt.Fprintf(w, "%s%s [label=%s];\n", indent, dotQuote(nodeID(u, r.ID)), dotQuote(r.ID+"\n"+r.Type))
	}
}

// dotEdge is one edge to draw, between two resources of a unit.
type dotEdge struct {
	from, to int // indexes in the unit's resources
	label    string
	dashed   bool
}

// writeUnitEdges draws the unit's edges between its own resources, once
// each, ordered by the resources they join (the front-end's edge order is
// not stable from run to run). A Terraform reference without an instance
// key (aws_security_group.web for aws_security_group.web[0]) is drawn to
// the resource's only instance, as the policy input resolves it.
func writeUnitEdges(w io.Writer, u *graph.Unit) {
	index := map[string]int{}
	byBase := map[string][]int{}
	for i, r := range u.Resources {
		index[r.ID] = i
		if base := resolve.BaseAddress(r.ID); base != r.ID {
			byBase[base] = append(byBase[base], i)
		}
	}
	resolve := func(id string) (int, bool) {
		if i, ok := index[id]; ok {
			return i, true
		}
		if inst := byBase[id]; len(inst) == 1 {
			return inst[0], true
		}
		return 0, false
	}
	drawn := map[dotEdge]bool{}
	var edges []dotEdge
	for _, e := range u.Edges {
		from, okFrom := resolve(e.From)
		to, okTo := resolve(e.To)
		if !okFrom || !okTo {
			continue
		}
		label := string(e.Kind)
		if e.Attr != "" {
			label += " " + e.Attr
		}
		d := dotEdge{from: from, to: to, label: label, dashed: e.Kind == graph.EdgeDependsOn}
		if !drawn[d] {
			drawn[d] = true
			edges = append(edges, d)
		}
	}
	sort.Slice(edges, func(i, j int) bool {
		a, b := edges[i], edges[j]
		if a.from != b.from {
			return a.from < b.from
		}
		if a.to != b.to {
			return a.to < b.to
		}
		return a.label < b.label
	})
	for _, e := range edges {
		attrs := "label=" + dotQuote(e.label)
		if e.dashed {
			attrs += ", style=dashed"
		}
		fmt.Fprintf(w, "  %s -> %s [%s];\n", dotQuote(nodeID(u, u.Resources[e.from].ID)), dotQuote(nodeID(u, u.Resources[e.to].ID)), attrs)
	}
}

// nodeID is the resource's uid in the policy input ("<unit path>#<id>"),
// unique in the whole inspection.
func nodeID(u *graph.Unit, id string) string { return u.Path + "#" + id }

// dotQuote writes s as a DOT double-quoted string: quotes and backslashes
// escaped (a backslash would start a label escape such as \N), newlines as
// \n line breaks.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
