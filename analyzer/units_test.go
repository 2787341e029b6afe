package analyzer

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestUnitByUnitEvaluationMatchesWhole checks that evaluating the units of
// a scan one by one, in parallel, gives what one evaluation over all their
// resources gives once instances are merged: a module shared by several
// roots, a nested stack under two parents, and rule fixtures of many
// units.
func TestUnitByUnitEvaluationMatchesWhole(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{
		filepath.Join("..", "testdata", "instances", "terraform"),
		filepath.Join("..", "testdata", "instances", "cloudformation"),
		filepath.Join("..", "testdata", "rules", "AWS-SG-002"),
		filepath.Join("..", "testdata", "rules", "AWS-S3-001"),
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Dir(dir))+"/"+filepath.Base(dir), func(t *testing.T) {
			opts, err := Options{Paths: []string{dir}, Root: dir, Boundary: dir, Engine: eng}.withDefaults()
			if err != nil {
				t.Fatal(err)
			}
			units, _, err := readAll(ctx, opts)
			if err != nil {
				t.Fatal(err)
			}
			byUnit, failures := normalizeUnits(ctx, units, aws.Normalize)
			if len(failures) > 0 || len(byUnit) < 2 {
				t.Fatalf("want several units and no failure, got %d units, failures %v", len(byUnit), failures)
			}
			var diags graph.Diagnostics
			whole := unitResources{}
			for _, ur := range byUnit {
				diags = append(diags, ur.unit.Diagnostics...)
				diags = append(diags, ur.diags...)
				whole.unit = ur.unit
				whole.canon = append(whole.canon, ur.canon...)
			}
			perUnit, _, err := evaluateUnits(ctx, eng.Evaluate, byUnit, diags, 2)
			if err != nil {
				t.Fatal(err)
			}
			once, _, err := evaluateUnits(ctx, eng.Evaluate, []unitResources{whole}, diags, 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(once.Findings)+len(once.Passed) == 0 {
				t.Fatal("nothing to compare")
			}
			gf, gu, gp := mergeInstances(perUnit.Findings, perUnit.Undecided, perUnit.Passed)
			wf, wu, wp := mergeInstances(once.Findings, once.Undecided, once.Passed)
			if !reflect.DeepEqual(gf, wf) {
				t.Errorf("findings unit by unit:\n%+v\nat once:\n%+v", gf, wf)
			}
			if !reflect.DeepEqual(gu, wu) {
				t.Errorf("undecided unit by unit:\n%+v\nat once:\n%+v", gu, wu)
			}
			if !reflect.DeepEqual(gp, wp) {
				t.Errorf("passed unit by unit:\n%+v\nat once:\n%+v", gp, wp)
			}
		})
	}
}
