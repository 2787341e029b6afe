// Command rampart checks AWS CloudFormation and Terraform templates against
// security best practices before they are deployed.
//
// The command is a thin layer over package analyzer: it resolves settings
// (flags, RAMPART_* environment variables, .rampart.yaml), runs the scan,
// renders the report and turns the result into an exit code:
//
//	0  no unsuppressed finding at or above --fail-on
//	1  at least one such finding (or an undecided check with --on-unknown fail)
//	2  the scan could not be trusted: a usage or configuration error, an
//	   unreadable path, or a template that failed to parse
//	130, 143  SIGINT or SIGTERM stopped the run (no report is written); a
//	   second signal exits at once
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
)

// The garbage collector's settings when the user sets neither GOGC nor
// GOMEMLIMIT. A scan allocates quickly and keeps little (a Terraform root
// module's evaluation is mostly short-lived values), so the default
// GOGC=100 spends about a fifth of a repository scan's CPU collecting. A
// higher percentage collects less often; the soft memory limit makes the
// collector work harder as the heap nears it, so a scan that keeps much
// (the largest root modules of a large tree) still stays within
// issue 16's 512 MiB. See docs/decisions.md.
const (
	gcPercent   = 200
	memoryLimit = 384 << 20
)

// tuneGC applies gcPercent and memoryLimit unless the environment sets
// either GOGC or GOMEMLIMIT, in which case the runtime's own reading of
// them stands.
func tuneGC(env []string) {
	for _, kv := range env {
		if strings.HasPrefix(kv, "GOGC=") || strings.HasPrefix(kv, "GOMEMLIMIT=") {
			return
		}
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}

func main() {
	tuneGC(os.Environ())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := watchSignals(context.Background(), sigs, os.Stderr, os.Exit)
	code := newApp(os.Stdout, os.Stderr, os.Environ()).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
