package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"syscall"
)

// interrupted is the cause of the run's context when a signal stopped it.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted by " + signalName(i.sig) }

// signalName is the conventional name of the signals rampart handles.
func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

// signalExitCode is the shell's code for a process a signal ended: 128 plus
// the signal's number (130 for SIGINT, 143 for SIGTERM).
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitUntrusted
}

// watchSignals returns a context that the first signal received on sigs
// cancels, with interrupted as its cause: every loop of the scan checks it
// and the run ends with no report written. A second signal means the user
// will not wait for that: exit is called at once. stop ends the watch.
func watchSignals(parent context.Context, sigs <-chan os.Signal, stderr io.Writer, exit func(int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "rampart: %s received: stopping (send it again to exit at once)\n", signalName(sig))
			cancel(interrupted{sig})
		case <-done:
			return
		}
		select {
		case sig := <-sigs:
			fmt.Fprintf(stderr, "rampart: %s received again: exiting now\n", signalName(sig))
			exit(signalExitCode(sig))
		case <-done:
		}
	}()
	return ctx, func() {
		close(done)
		cancel(nil)
	}
}

// interruption returns the signal that stopped the run of ctx, if any.
func interruption(ctx context.Context) (interrupted, bool) {
	i, ok := context.Cause(ctx).(interrupted)
	return i, ok
}
