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
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newApp(os.Stdout, os.Stderr, os.Environ()).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
