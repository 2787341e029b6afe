package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestGCTuning: rampart sets the collector's percentage only when the
// environment sets neither GOGC nor GOMEMLIMIT.
func TestGCTuning(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want bool
	}{
		{"neither set", []string{"HOME=/root", "GOFLAGS=-mod=mod", "XGOGC=50"}, true},
		{"GOGC set", []string{"GOGC=50"}, false},
		{"GOGC=off", []string{"HOME=/root", "GOGC=off"}, false},
		{"GOMEMLIMIT set", []string{"GOMEMLIMIT=1GiB"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := gcTuning(tt.env); got != tt.want {
				t.Errorf("gcTuning(%q) = %v, want %v", tt.env, got, tt.want)
			}
		})
	}
}

// TestGCPercentFor: the next heap goal is heapGoal while that needs no
// more than maxGCPercent and no less than minGCPercent; once the scan has
// allocated largeScan bytes, it is largeHeapGoal at least.
func TestGCPercentFor(t *testing.T) {
	tests := []struct {
		live, allocated uint64
		want            int
	}{
		{0, 0, maxGCPercent},
		{10 << 20, 0, maxGCPercent},
		{heapGoal / 3, 0, maxGCPercent},
		{heapGoal * 2 / 5, 0, 150},
		{heapGoal / 2, 0, minGCPercent},
		{heapGoal, 0, minGCPercent},
		{4 * heapGoal, 0, minGCPercent},
		// terraform-aws-vpc's largest live heap, allocated in all.
		{21 << 20, 180 << 20, maxGCPercent},
		{21 << 20, largeScan - 1, maxGCPercent},
		// A large scan: goal largeHeapGoal, past maxGCPercent if need
		// be, or the heap's own when that is more.
		{32 << 20, largeScan, 1100},
		{64 << 20, 20 * largeScan, 500},
		{largeHeapGoal / 3, largeScan, 200},
		{200 << 20, largeScan, minGCPercent},
		{heapGoal, largeScan, minGCPercent},
	}
	for _, tt := range tests {
		if got := gcPercentFor(tt.live, tt.allocated); got != tt.want {
			t.Errorf("gcPercentFor(%d MiB live, %d MiB allocated) = %d, want %d", tt.live>>20, tt.allocated>>20, got, tt.want)
		}
	}
}

// TestMemoryLimitFor: the soft limit is memoryFloor until the live heap
// passes two thirds of it, then half as much again as the live heap.
func TestMemoryLimitFor(t *testing.T) {
	tests := []struct {
		live uint64
		want int64
	}{
		{0, memoryFloor},
		{100 << 20, memoryFloor},
		{memoryFloor * 2 / 3, memoryFloor},
		{400 << 20, 600 << 20},
		{1 << 30, 3 << 29},
	}
	for _, tt := range tests {
		if got := memoryLimitFor(tt.live); got != tt.want {
			t.Errorf("memoryLimitFor(%d MiB) = %d MiB, want %d MiB", tt.live>>20, got>>20, tt.want>>20)
		}
	}
}

// TestAfterEachGC: the function runs again after later collections.
func TestAfterEachGC(t *testing.T) {
	calls := make(chan struct{}, 100)
	afterEachGC(func() {
		select {
		case calls <- struct{}{}:
		default:
		}
	})
	for i := range 3 {
		deadline := time.After(10 * time.Second)
		for got := false; !got; {
			runtime.GC()
			select {
			case <-calls:
				got = true
			case <-time.After(10 * time.Millisecond):
			case <-deadline:
				t.Fatalf("no call after collection %d", i+1)
			}
		}
	}
}

// TestOneFileScanDoesNotCollect: a one-file scan ends before its memory
// reaches firstCollection, so it never collects (the runtime's trace of
// collections says so); with GOGC set, rampart leaves the collector as the
// runtime starts it, and the same scan collects.
func TestOneFileScanDoesNotCollect(t *testing.T) {
	src, err := os.ReadFile("../../testdata/examples/cloudformation/app.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.yaml"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	collections := func(env ...string) int {
		r := rampart(t, dir, append([]string{"GODEBUG=gctrace=1"}, env...), "scan", "app.yaml", "--format", "json", "-o", filepath.Join(dir, "report.json"))
		r.wantCode(t, 1)
		n := 0
		for line := range strings.Lines(r.stderr) {
			if strings.HasPrefix(line, "gc ") {
				n++
			}
		}
		return n
	}
	if n := collections(); n != 0 {
		t.Errorf("a one-file scan collected %d times", n)
	}
	if n := collections("GOGC=100"); n == 0 {
		t.Error("with GOGC=100 the one-file scan did not collect: the trace does not tell")
	}
}
