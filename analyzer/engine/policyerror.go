package engine

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// PolicyError is a policy that cannot be loaded: where it is, what is
// wrong and how to fix it. Every problem a policy author can cause (a
// parse or compile error, missing or invalid METADATA, a clashing ID)
// is one, so the command line can print the fix next to the file and
// line instead of OPA's bare message.
type PolicyError struct {
	File string
	Line int
	Msg  string
	// Fix says what to change; empty when the message says it already.
	Fix string
}

func (e *PolicyError) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	if e.Fix != "" {
		s += "\n\tfix: " + e.Fix
	}
	return s
}

// PolicyErrors are every problem one compile or parse found.
type PolicyErrors []*PolicyError

func (es PolicyErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find each *PolicyError.
func (es PolicyErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// policyErrorf builds a PolicyError at file:line.
func policyErrorf(file string, line int, fix, format string, args ...any) *PolicyError {
	return &PolicyError{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Fix: fix}
}

// Fixes for the problems a policy author meets most.
const (
	fixMetadata = "put a METADATA block directly above `package` with title, custom.id, custom.name and custom.severity " +
		"(docs/writing-policies.md, \"METADATA\"); `rampart policy new NAME --kind KIND` writes one"
	fixOwnID        = "give the rule an ID of your own prefix, such as ACME-001: built-in IDs and names (rampart rules) are reserved"
	fixDuplicate    = "every loaded rule needs its own ID, name and package: rename one of the two"
	fixSandbox      = "policies run offline and cannot reach outside the process (docs/writing-policies.md, \"Sandbox\"): pass what the rule needs as a rule_config parameter"
	fixUndefinedRef = "the input has input.by_kind, input.by_type, input.resources and input.config; `rampart inspect PATH` prints the resources of your templates as policies see them and docs/model.md lists every kind's properties"
	fixParse        = "correct the syntax at that line; rampart reads Rego v1 (OPA 1.x): rules need `if`, partial sets `contains`; `opa fmt --rego-v1` upgrades older files"
	fixCompile      = "`rampart policy test DIR` reports the same error while you fix it"
)

// undefinedFunction matches OPA's message for a call of a built-in the
// capabilities do not have.
var undefinedFunction = regexp.MustCompile(`undefined function ([A-Za-z0-9_.]+)`)

// explainASTErrors turns OPA's parse or compile errors into PolicyErrors
// with a fix each; any other error is returned as it is.
func explainASTErrors(err error) error {
	var errs ast.Errors
	if !errors.As(err, &errs) || len(errs) == 0 {
		return err
	}
	out := make(PolicyErrors, 0, len(errs))
	for _, e := range errs {
		pe := &PolicyError{Msg: e.Code + ": " + e.Message}
		if e.Location != nil {
			pe.File, pe.Line = e.Location.File, e.Location.Row
		}
		if e.Details != nil {
			if lines := e.Details.Lines(); len(lines) > 0 {
				pe.Msg += "\n\t" + strings.Join(lines, "\n\t")
			}
		}
		pe.Fix = fixFor(e)
		out = append(out, pe)
	}
	return out
}

// fixFor chooses the fix for one OPA error.
func fixFor(e *ast.Error) string {
	if m := undefinedFunction.FindStringSubmatch(e.Message); m != nil {
		if reachesOutside(m[1]) {
			return m[1] + " is disabled: " + fixSandbox
		}
		return "no built-in or function " + m[1] + " exists: check its spelling and the import of its package (the helpers are data.rampart.lib...)"
	}
	switch {
	case e.Code == ast.ParseErr:
		return fixParse
	case strings.HasPrefix(e.Message, "undefined ref: input"):
		return fixUndefinedRef
	}
	return fixCompile
}
