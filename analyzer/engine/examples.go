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

// attachExamples gives each built-in rule its examples; a user policy has
// none (its fixtures are not embedded).
func attachExamples(rules []*ruleModule) error {
	examples, err := builtinExamples()
	if err != nil {
		return err
	}
	for _, rm := range rules {
		if rm.meta.Builtin {
			rm.meta.Examples = examples[rm.meta.ID]
		}
	}
	return nil
}
