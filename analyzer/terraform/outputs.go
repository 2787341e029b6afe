package terraform

import (
	"context"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"

	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// OutputValue is the value of one root module output as rampart evaluates
// it: Value carries no marks, Sensitive says whether any part of it was
// marked sensitive (a sensitive variable, sensitive(), or the output's own
// sensitive = true).
type OutputValue struct {
	Value     cty.Value
	Sensitive bool
}

// LoadRootOutputs evaluates dir as a root module, exactly as LoadModules
// evaluates a scan of that one root, and returns the value of every output the root module
// declares besides the Unit. It is the view terraform plan gives of a root
// module's outputs, so that rampart's values can be compared with
// Terraform's own (testdata/terraform/differential). An output that fails
// to evaluate is an error diagnostic on the Unit and an Unknown value.
func LoadRootOutputs(ctx context.Context, dir string, opts Options) (*graph.Unit, map[string]OutputValue) {
	l := loaderFor(opts)
	unit, root := evalRoot(ctx, l, dir, opts)
	unit.Diagnostics = append(unit.Diagnostics, undeclaredArgs(l, []string{dir}, opts.Args)...)
	outs := map[string]OutputValue{}
	if root == nil {
		return unit, outs
	}
	defer func() {
		if r := recover(); r != nil {
			root.ev.errorAt(graph.Location{File: dir}, "Internal error evaluating Terraform module",
				fmt.Sprintf("%v\n%s", r, debug.Stack()))
		}
	}()
	for _, name := range slices.Sorted(maps.Keys(root.cfg.outputs)) {
		v, _ := root.output(name)
		outs[name] = unmarkOutput(v)
	}
	return unit, outs
}

// unmarkOutput strips every mark from v, remembering whether one of them
// was the sensitive mark; rampart's reference marks are not Terraform's.
func unmarkOutput(v cty.Value) OutputValue {
	u, pvms := v.UnmarkDeepWithPaths()
	sensitive := false
	for _, pvm := range pvms {
		if _, ok := pvm.Marks[sensitiveMark]; ok {
			sensitive = true
		}
	}
	return OutputValue{Value: u, Sensitive: sensitive}
}
