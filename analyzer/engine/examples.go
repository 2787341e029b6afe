package engine

import (
	"encoding/json"
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/result"
	"github.com/rampart-iac/rampart/policies"
)

// builtinExamples reads the fixture excerpts embedded with the policies
// (policies/examples.json, generated from testdata/rules by
// TestRuleExamples): rule ID to its failing and passing example.
func builtinExamples() (map[string][]result.Example, error) {
	var out map[string][]result.Example
	if err := json.Unmarshal(policies.Examples, &out); err != nil {
		return nil, fmt.Errorf("policies/examples.json: %w", err)
	}
	return out, nil
}

// WithExamples returns rules with each built-in rule's examples, which
// only explaining a rule shows: a scan does not decode them (1.5 ms of
// every engine's start when every rule carried them). A user policy has
// none (its fixtures are not embedded).
func WithExamples(rules []result.Rule) ([]result.Rule, error) {
	examples, err := builtinExamples()
	if err != nil {
		return nil, err
	}
	out := make([]result.Rule, len(rules))
	for i, r := range rules {
		if r.Builtin {
			r.Examples = examples[r.ID]
		}
		out[i] = r
	}
	return out, nil
}
