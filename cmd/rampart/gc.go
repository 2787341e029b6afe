package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
)

// The garbage collector's settings when the user sets neither GOGC nor
// GOMEMLIMIT. A scan allocates quickly and keeps little (a Terraform root
// module's evaluation is mostly short-lived values), so at the default
// GOGC=100 collection was about a fifth of a repository scan's CPU.
// Collecting less often pays while the heap is small; a scan that keeps
// much (a large tree's results, its largest root modules) must not grow
// past issue 16's 512 MiB for it. So after each collection the percentage
// is set from the live heap: maxGCPercent while the heap goal stays under
// heapGoal, less as the live heap grows, and never under the default, so
// a scan whose live heap passes heapGoal collects as it always did. A
// fixed soft memory limit (GOMEMLIMIT) was measured and rejected: once the
// live heap passes it the collector runs all the time (terraform-aws-vpc
// under a limit below its live heap took 3.5 times the CPU). See
// docs/decisions.md.
const (
	maxGCPercent = 200
	minGCPercent = 100
	heapGoal     = 384 << 20
)

// gcTuning reports whether rampart sets the collector's percentage: not
// when the environment sets GOGC or GOMEMLIMIT, whose meaning the runtime
// then keeps.
func gcTuning(env []string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMEMLIMIT=") {
			return false
		}
	}
	return true
}

// tuneGC starts setting the collector's percentage after every
// collection, unless the environment sets it.
func tuneGC(env []string) {
	if !gcTuning(env) {
		return
	}
	percent := maxGCPercent
	debug.SetGCPercent(percent)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	afterEachGC(func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if p := gcPercentFor(sample[0].Value.Uint64()); p != percent {
			percent = p
			debug.SetGCPercent(p)
		}
	})
}

// gcPercentFor is the percentage that puts the next heap goal, live
// bytes plus that percentage of them, at heapGoal, within
// [minGCPercent, maxGCPercent].
func gcPercentFor(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	p := (heapGoal - int64(min(live, heapGoal))) * 100 / int64(live)
	return int(max(minGCPercent, min(maxGCPercent, p)))
}

// gcTick is an object whose finalizer runs after the collection that
// finds it unreachable. It holds a pointer so that it is not a tiny
// allocation sharing a block with others, whose finalizer could wait.
type gcTick struct{ _ *int }

// afterEachGC calls f after every collection, for the life of the
// process, on the finalizer goroutine.
func afterEachGC(f func()) {
	runtime.SetFinalizer(&gcTick{}, func(*gcTick) {
		f()
		afterEachGC(f)
	})
}
