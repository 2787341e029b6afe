package analyzer

import (
	"context"
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/engine"
)

// PolicyTestResult is the outcome of one Rego unit test (a test_* rule).
type PolicyTestResult = engine.TestResult

// TestPolicies runs the Rego unit tests of the built-in policies and of the
// given directories, with the same sandbox as a scan.
func TestPolicies(ctx context.Context, dirs []string) ([]*PolicyTestResult, error) {
	res, err := engine.RunPolicyTests(ctx, dirs)
	if err != nil {
		return nil, fmt.Errorf("running policy tests: %w", err)
	}
	return res, nil
}
