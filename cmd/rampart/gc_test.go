package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC: the collector's settings change only when the environment
// sets neither GOGC nor GOMEMLIMIT.
func TestTuneGC(t *testing.T) {
	const (
		sentinelPercent = 77
		sentinelLimit   = 3 << 30
	)
	prevPercent := debug.SetGCPercent(sentinelPercent)
	prevLimit := debug.SetMemoryLimit(sentinelLimit)
	t.Cleanup(func() {
		debug.SetGCPercent(prevPercent)
		debug.SetMemoryLimit(prevLimit)
	})
	tests := []struct {
		name        string
		env         []string
		wantPercent int
		wantLimit   int64
	}{
		{"neither set", []string{"HOME=/root", "GOFLAGS=-mod=mod"}, gcPercent, memoryLimit},
		{"GOGC set", []string{"GOGC=50"}, sentinelPercent, sentinelLimit},
		{"GOGC=off", []string{"GOGC=off"}, sentinelPercent, sentinelLimit},
		{"GOMEMLIMIT set", []string{"GOMEMLIMIT=1GiB"}, sentinelPercent, sentinelLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetGCPercent(sentinelPercent)
			debug.SetMemoryLimit(sentinelLimit)
			tuneGC(tt.env)
			if got := debug.SetGCPercent(sentinelPercent); got != tt.wantPercent {
				t.Errorf("GC percent %d, want %d", got, tt.wantPercent)
			}
			if got := debug.SetMemoryLimit(-1); got != tt.wantLimit {
				t.Errorf("memory limit %d, want %d", got, tt.wantLimit)
			}
		})
	}
}
