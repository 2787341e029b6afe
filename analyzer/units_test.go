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
// a scan one by one gives what one evaluation over all their resources
// gives once instances are merged (a module shared by several roots, a
// nested stack under two parents, rule fixtures of many units): so any
// batching of whole units gives the same results.
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
			perUnit := &engine.Output{}
			for i := range byUnit {
				o, _, err := evaluateUnits(ctx, eng.Evaluate, byUnit[i:i+1], diags, 2)
				if err != nil {
					t.Fatal(err)
				}
				perUnit.Merge(o)
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

func TestBatchUnits(t *testing.T) {
	unit := func(n int) unitResources { return unitResources{canon: make([]*graph.Canonical, n)} }
	tests := []struct {
		name  string
		sizes []int
		want  [][]int
	}{
		{"none", nil, nil},
		{"all fit", []int{3, 3, 3}, [][]int{{3, 3, 3}}},
		{"split at the size", []int{4, 4, 4, 1}, [][]int{{4, 4}, {4, 1}}},
		{"a large unit alone", []int{2, 20, 2}, [][]int{{2}, {20}, {2}}},
		{"empty units ride along", []int{0, 10, 0}, [][]int{{0, 10, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var units []unitResources
			for _, n := range tt.sizes {
				units = append(units, unit(n))
			}
			var got [][]int
			for _, b := range batchUnits(units, 10) {
				var sizes []int
				for _, ur := range b {
					sizes = append(sizes, len(ur.canon))
				}
				got = append(got, sizes)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOmitPassedChangesNothingElse: a scan that does not keep its passed
// checks (Options.OmitPassed) reports the same findings, undecided
// results, diagnostics and files as one that does, over Terraform and
// CloudFormation units and the account rules' summary.
func TestOmitPassedChangesNothingElse(t *testing.T) {
	ctx := context.Background()
	eng, err := engine.New(ctx, engine.Options{Profiles: []string{"account-baseline"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "testdata", "examples")
	scan := func(omit bool) *Result {
		t.Helper()
		res, err := Scan(ctx, Options{Paths: []string{dir}, Root: dir, Boundary: dir, Engine: eng, OmitPassed: omit})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	kept, omitted := scan(false), scan(true)
	if len(kept.Passed) == 0 || len(kept.Findings) == 0 {
		t.Fatalf("want findings and passed checks to compare, got %d and %d", len(kept.Findings), len(kept.Passed))
	}
	if len(omitted.Passed) != 0 {
		t.Errorf("OmitPassed kept %d passed checks", len(omitted.Passed))
	}
	omitted.Passed = kept.Passed
	if !reflect.DeepEqual(kept, omitted) {
		t.Errorf("OmitPassed changed the result:\nkept:    %+v\nomitted: %+v", kept, omitted)
	}
}
