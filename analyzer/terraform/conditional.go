package terraform

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// branchNotePrefix starts the note of a conditional's branch hop.
const branchNotePrefix = "conditional is "

// withBranchHop records on every node of v, the value of a conditional
// expression whose condition was known, that the condition chose this
// branch and which variables, locals or attributes it reads: a finding
// that exists only on this branch then says what decided it.
func withBranchHop(v *graph.Value, cond hclsyntax.Expression, inputs []string, value bool) *graph.Value {
	if v == nil {
		return nil
	}
	note := branchNotePrefix + strconv.FormatBool(value)
	if len(inputs) > 0 {
		note += " (decided by " + strings.Join(inputs, ", ") + ")"
	}
	h := graph.Hop{Location: loc(cond.Range()), Note: note}
	c := v.Copy()
	c.Walk(func(_ graph.Path, n *graph.Value) bool {
		n.Trace = append(n.Trace, h)
		return true
	})
	return c
}

// conditionInputs names what a condition reads: var.env, local.is_prod,
// aws_s3_bucket.b, sorted and without repeats.
func (s *scope) conditionInputs(cond hclsyntax.Expression) []string {
	var out []string
	for _, t := range s.ev.loader.variables(cond) {
		name := t.RootName()
		if len(t) > 1 {
			if a, ok := t[1].(hcl.TraverseAttr); ok {
				name += "." + a.Name
			}
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
