package engine

import (
	"context"
	"testing"
)

// TestPolicyUnitTests runs every Rego unit test of the embedded policies
// and fails on any failing or erroring one.
func TestPolicyUnitTests(t *testing.T) {
	results, err := RunPolicyTests(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) == 0 {
		t.Fatal("no Rego unit tests found in policies/")
	}
	for _, r := range results {
		switch {
		case r.Error != nil:
			t.Errorf("%s.%s (%s): error: %v", r.Package, r.Name, r.Location, r.Error)
		case r.Fail:
			t.Errorf("%s.%s (%s): FAIL %s", r.Package, r.Name, r.Location, r.Output)
		}
	}
	t.Logf("%d Rego tests", len(results))
}
