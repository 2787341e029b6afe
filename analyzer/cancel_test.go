package analyzer

import (
	"context"
	"errors"
	"testing"
)

// TestCancelledScanStops checks that a cancelled context (the first SIGINT
// or SIGTERM) stops discovery and the scan with the context's error, not
// with a result that could pass for a complete one.
func TestCancelledScanStops(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.yaml": openSSHTemplate, "sub/b.yaml": openSSHTemplate, "m/main.tf": "locals {}\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := discover(ctx, []string{dir}, dir, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("discover: err = %v, want context.Canceled", err)
	}
	res, err := Scan(ctx, Options{Paths: []string{dir}, Root: dir})
	if !errors.Is(err, context.Canceled) || res != nil {
		t.Errorf("Scan: res = %v, err = %v; want no result and context.Canceled", res, err)
	}
}
