package analyzer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/aws"
	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// TestScanReleasesEachUnit scans many root modules, each large enough
// that a batch holds two: every unit's graph is released once its batch is
// evaluated, and no more than a few units are ever held at once, however
// many the scan has.
func TestScanReleasesEachUnit(t *testing.T) {
	const roots, perRoot = 16, 400
	files := map[string]string{}
	for i := range roots {
		files[fmt.Sprintf("r%02d/main.tf", i)] = fmt.Sprintf(
			"resource \"aws_security_group\" \"sg\" {\n  count = %d\n  name  = \"sg-%d\"\n}\n", perRoot, i)
	}
	dir := writeFiles(t, files)

	var mu sync.Mutex
	live, maxLive, released := 0, 0, 0
	st := stages{
		normalize: func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
			mu.Lock()
			live++
			maxLive = max(maxLive, live)
			mu.Unlock()
			return aws.Normalize(ctx, u)
		},
		evaluate: func(context.Context, []*graph.Canonical, graph.Diagnostics) (*engine.Output, error) {
			return &engine.Output{Findings: []result.Finding{}, Undecided: []result.Undecided{}, Passed: []result.Check{}}, nil
		},
		released: func(*graph.Unit) {
			mu.Lock()
			live--
			released++
			mu.Unlock()
		},
	}
	res, err := scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Workers: 1, Rules: []string{"AWS-SG-002"}}, st)
	if err != nil {
		t.Fatal(err)
	}
	if res.Resources != roots*perRoot {
		t.Fatalf("%d resources, want %d", res.Resources, roots*perRoot)
	}
	if released != roots {
		t.Errorf("%d units released, want all %d", released, roots)
	}
	// A batch being evaluated, the next one waiting for the evaluator and
	// the unit being normalized: five units of 400 resources.
	if maxLive > 5 {
		t.Errorf("%d units held at once, want at most 5 of %d", maxLive, roots)
	}
}

// TestRootsLoadWorkersAtATime: no more Terraform roots load at once than
// the scan has workers, no more than one more is loading or loaded and
// waiting while a unit is taken, and their units are taken in path order.
func TestRootsLoadWorkersAtATime(t *testing.T) {
	const roots = 12
	files := map[string]string{}
	for i := range roots {
		files[fmt.Sprintf("r%02d/main.tf", i)] = fmt.Sprintf(
			"resource \"aws_security_group\" \"sg\" {\n  count = 50\n  name  = \"sg-%d\"\n}\n", i)
	}
	dir := writeFiles(t, files)
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint(workers), func(t *testing.T) {
			var mu sync.Mutex
			loading, most, started, mostHeld := 0, 0, 0, 0
			var taken []string
			st := stages{
				normalize: func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
					mu.Lock()
					// Besides this one, whose slot was freed as it was taken.
					mostHeld = max(mostHeld, started-len(taken)-1)
					mu.Unlock()
					taken = append(taken, u.Path) // the taking goroutine only
					return aws.Normalize(ctx, u)
				},
				loading: func(delta int) {
					mu.Lock()
					loading += delta
					most = max(most, loading)
					if delta > 0 {
						started++
					}
					mu.Unlock()
				},
			}
			if _, err := scan(context.Background(), Options{Paths: []string{dir}, Root: dir, Workers: workers, Rules: []string{"AWS-SG-002"}}, st); err != nil {
				t.Fatal(err)
			}
			if most < 1 || most > workers {
				t.Errorf("%d roots loaded at once, want 1 to %d", most, workers)
			}
			if mostHeld > workers+1 {
				t.Errorf("%d roots loading or loaded and not taken at once, want 1 to %d", mostHeld, workers+1)
			}
			if len(taken) != roots || !slices.IsSorted(taken) {
				t.Errorf("units taken %v, want the %d roots in path order", taken, roots)
			}
		})
	}
}

// TestPolicyErrorStopsTheScan: the engine is built while the files are
// found and parsed, and an error building it is the scan's, before any
// error of the paths, with no unit normalized.
func TestPolicyErrorStopsTheScan(t *testing.T) {
	files := map[string]string{"bad/broken.rego": "package broken\n\ndeny contains msg if {\n"}
	for i := range 20 {
		files[fmt.Sprintf("t%02d.yaml", i)] = "Resources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n"
	}
	dir := writeFiles(t, files)
	badPolicies := filepath.Join(dir, "bad")
	tests := []struct {
		name     string
		paths    []string
		policies []string
		want     string
	}{
		{"a policy that does not parse", []string{dir}, []string{badPolicies}, "loading policies"},
		{"and a path that does not exist", []string{filepath.Join(dir, "missing")}, []string{badPolicies}, "loading policies"},
		{"a path that does not exist", []string{filepath.Join(dir, "missing")}, nil, "missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var normalized atomic.Int32
			st := stages{normalize: func(ctx context.Context, u *graph.Unit) ([]*graph.Canonical, graph.Diagnostics) {
				normalized.Add(1)
				return aws.Normalize(ctx, u)
			}}
			_, err := scan(t.Context(), Options{Paths: tt.paths, Root: dir, PolicyDirs: tt.policies}, st)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("scan error %v, want one with %q", err, tt.want)
			}
			if n := normalized.Load(); n != 0 {
				t.Errorf("%d units normalized, want none", n)
			}
		})
	}
}
