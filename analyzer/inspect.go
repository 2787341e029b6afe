package analyzer

import (
	"context"
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Inspection is what the front-ends made of the scanned paths, before any
// policy runs: `rampart inspect` prints it (docs/inspect.md).
type Inspection struct {
	// Root is the directory the paths are relative to (Options.Root).
	Root string
	// Units are the front-ends' units (templates, root modules, plans),
	// sorted by path, with their resources and reference edges.
	Units []*graph.Unit
	// Resources holds every native resource of Units, in the same order,
	// as the object the policy input holds for it plus its "unknowns"
	// (engine.InspectResources), as plain JSON values.
	Resources []any
	// Errors are the front-ends' error diagnostics, as in a scan result.
	Errors []graph.Diagnostic
	// Files accounts for every file, as in a scan result.
	Files []result.File
}

// Inspect reads opts.Paths as Scan does, with the same discovery, variables,
// parameters and boundary, and returns what the front-ends produced. No
// policy is loaded or evaluated.
func Inspect(ctx context.Context, opts Options) (*Inspection, error) {
	return inspect(ctx, opts, stages{normalize: aws.Normalize})
}

func inspect(ctx context.Context, opts Options, st stages) (*Inspection, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	units, files, err := readAll(ctx, opts)
	if err != nil {
		return nil, err
	}
	// As in Scan, a panic in a normalizer fails only its unit.
	byUnit, failures := normalizeUnits(ctx, units, st.normalize)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var canon []*graph.Canonical
	for _, ur := range byUnit {
		canon = append(canon, ur.canon...)
	}
	resources, err := engine.InspectResources(units, canon)
	if err != nil {
		return nil, fmt.Errorf("rendering resources: %w", err)
	}
	ins := &Inspection{Root: opts.Root, Units: units, Resources: resources, Files: files}
	for _, u := range units {
		for _, d := range u.Diagnostics {
			if d.Severity == graph.SeverityError {
				ins.Errors = append(ins.Errors, d)
			}
		}
	}
	for _, f := range failures {
		ins.Errors = append(ins.Errors, f.diag)
	}
	failUnitFiles(ins.Files, failures)
	sortDiagnostics(ins.Errors)
	return ins, nil
}
