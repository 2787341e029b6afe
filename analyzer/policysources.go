package analyzer

import (
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/engine"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// policySources describes the user policy sources of a scan for its
// report; none when the caller brought its own engine.
func policySources(opts Options) ([]result.PolicySource, error) {
	if opts.Engine != nil || len(opts.PolicyDirs) == 0 {
		return nil, nil
	}
	srcs, err := engine.DescribePolicySources(opts.PolicyDirs)
	if err != nil {
		return nil, fmt.Errorf("loading policies: %w", err)
	}
	return srcs, nil
}
