package engine

import (
	"context"
	"fmt"
	"sort"

	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/rampart-iac/rampart/policies"
)

// TestResult is the outcome of one Rego unit test.
type TestResult = tester.Result

// RunPolicyTests runs the Rego unit tests (test_* rules) of the embedded
// policies and of dirs, the way `rampart policy test` does: with the same
// sandboxed capabilities as a scan, so a test cannot pass by calling a
// built-in that scans forbid. Results are sorted by package and name.
func RunPolicyTests(ctx context.Context, dirs []string) ([]*TestResult, error) {
	builtinSrcs, err := readFS(policies.FS, true)
	if err != nil {
		return nil, err
	}
	userSrcs, err := readDirs(dirs, true)
	if err != nil {
		return nil, err
	}
	mods, err := parse(append(builtinSrcs, userSrcs...))
	if err != nil {
		return nil, err
	}
	compiler := newCompiler().WithSchemas(inputSchemas()).WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(inmem.New()).
		CapturePrintOutput(true).
		SetModules(mods).
		RunTests(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	var out []*TestResult
	for r := range ch {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Package != out[j].Package {
			return out[i].Package < out[j].Package
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
