package analyzer

import (
	"context"
	"errors"

	"github.com/rampart-iac/rampart/analyzer/result"
)

// ErrNotWired is returned until the pipeline is assembled.
var errNotWired = errors.New("analyzer: scan pipeline not assembled yet")

// Scan runs one scan. The returned error is for failures of the scan
// itself (bad options, unreadable paths, broken policies); problems in the
// user's templates are diagnostics in the result.
func Scan(ctx context.Context, opts Options) (*Result, error) {
	return nil, errNotWired
}

// Rules lists every rule the engine would load with opts (built-in and
// --policy-dir ones), enabled or not.
func Rules(ctx context.Context, opts Options) ([]result.Rule, error) {
	return nil, errNotWired
}
