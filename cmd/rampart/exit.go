package main

import (
	"errors"
	"fmt"

	"github.com/rampart-iac/rampart/analyzer/config"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Exit codes; see the package documentation.
const (
	exitOK        = 0
	exitFindings  = 1
	exitUntrusted = 2
)

// usageError is a mistake in how rampart was invoked or configured: a bad
// flag, environment variable or configuration value. It exits 2 with a hint.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitCodeError ends a command with a code and no further message: the
// command has already said what there was to say.
type exitCodeError struct{ code int }

func (e exitCodeError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// codeOf maps a command's error to the process exit code.
func codeOf(err error) int {
	var ec exitCodeError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ec):
		return ec.code
	default:
		return exitUntrusted
	}
}

// verdict turns a scan result into the exit code: 2 when a file could not be
// analysed (fail closed: a template nobody checked must not pass the gate),
// else 1 when an unsuppressed finding reaches failOn or, with on-unknown fail,
// a check was undecided, else 0.
func verdict(res *result.Result, failOn result.Severity, onUnknown config.OnUnknown) int {
	if len(res.Errors) > 0 {
		return exitUntrusted
	}
	for _, f := range res.Files {
		if f.Status == result.FileFailed {
			return exitUntrusted
		}
	}
	if res.Failing(failOn) {
		return exitFindings
	}
	if onUnknown == config.OnUnknownFail && len(res.Undecided) > 0 {
		return exitFindings
	}
	return exitOK
}
