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
	"syscall"
)

func main() {
	tuneGC(os.Environ())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, stop := watchSignals(context.Background(), sigs, os.Stderr, os.Exit)
	code := newApp(os.Stdout, os.Stderr, os.Environ()).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
