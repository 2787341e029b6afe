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
// a scan whose live heap passes heapGoal collects as it always did.
//
// At minGCPercent a heap can still grow to twice what is live, and a large
// tree keeps enough (its results, the parsed modules cached, the root in
// flight: about 300 MiB live on the 200-copy tree) to take the process
// past 512 MiB. So a soft memory limit caps the total at memoryFloor while
// the live heap is well under it, and at half as much again as the live
// heap beyond. A fixed limit was measured and rejected: once the live heap
// reaches it the collector runs all the time (terraform-aws-vpc under a
// limit below its live heap took 3.5 times the CPU). See
// docs/decisions.md.
//
// A scan that has allocated largeScan bytes is large (a tree of
// repositories; terraform-aws-vpc allocates about 180 MB in all): its live
// heap swings between the roots it holds, and at maxGCPercent it collected
// about 145 times on the 20-copy tree, a live heap of 61 MiB at the median.
// Its heap goal is held at largeHeapGoal at least, under the memory it may
// take anyway at its largest roots, so that it collects less often: at 256
// MiB the 20-copy tree collected 79 times, at 384 MiB 58 times, for 0.89
// times the wall time and a peak of 447 MiB instead of 421 (docs/decisions.md).
// A scan is large from 512 MiB allocated: from 1 GiB, the 20-copy tree
// collected 24 times in its first two seconds, most of them at live
// heaps of 30 to 70 MiB; from 512 MiB, 0.96 times its wall time at the
// same peak, and no repository of the twelve allocates that much but
// serverless-patterns, whose peak moved from 276 to 289 MiB.
//
// A scan collects nothing until the process's memory reaches
// firstCollection. A one-file scan, the pre-commit case, allocates about
// 20 MB, most of it OPA compiling the rules; from the runtime's first
// heap goal of 4 MiB it collected twice, and the collections took a
// fifth of its wall time (one template 44 against 57 ms, paired; a peak
// of 38 against 36 MiB). So the percentage starts off with a soft memory
// limit of firstCollection: the first collection comes when the process
// reaches it, and sets the percentage and the limit from the live heap,
// as every collection after it does.
const (
	firstCollection = 32 << 20

	maxGCPercent  = 150
	minGCPercent  = 100
	heapGoal      = 384 << 20
	memoryFloor   = 448 << 20
	largeScan     = 512 << 20
	largeHeapGoal = 384 << 20
)

// gcTuning reports whether rampart sets the collector's percentage and
// memory limit: not when the environment sets GOGC or GOMEMLIMIT, whose
// meaning the runtime then keeps.
func gcTuning(env []string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMEMLIMIT=") {
			return false
		}
	}
	return true
}

// tuneGC starts setting the collector's percentage and memory limit
// after every collection, unless the environment sets either.
func tuneGC(env []string) {
	if !gcTuning(env) {
		return
	}
	percent, limit := -1, int64(firstCollection)
	debug.SetGCPercent(percent)
	debug.SetMemoryLimit(limit)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	afterEachGC(func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 || sample[1].Value.Kind() != metrics.KindUint64 {
			return
		}
		live, allocated := sample[0].Value.Uint64(), sample[1].Value.Uint64()
		if p := gcPercentFor(live, allocated); p != percent {
			percent = p
			debug.SetGCPercent(p)
		}
		if l := memoryLimitFor(live); l != limit {
			limit = l
			debug.SetMemoryLimit(l)
		}
	})
}

// memoryLimitFor is the soft memory limit for a live heap: memoryFloor,
// or half as much again as the live heap when that is more, so that the
// limit never comes so close to the live heap that collecting is all the
// process does.
func memoryLimitFor(live uint64) int64 {
	return max(memoryFloor, int64(live)+int64(live)/2)
}

// gcPercentFor is the percentage that puts the next heap goal, live
// bytes plus that percentage of them, at heapGoal, within
// [minGCPercent, maxGCPercent]; once the process has allocated largeScan
// bytes, at largeHeapGoal at least.
func gcPercentFor(live, allocated uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	p := (heapGoal - int64(min(live, heapGoal))) * 100 / int64(live)
	p = max(minGCPercent, min(maxGCPercent, p))
	if allocated >= largeScan && live < largeHeapGoal {
		p = max(p, (largeHeapGoal-int64(live))*100/int64(live))
	}
	return int(p)
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
