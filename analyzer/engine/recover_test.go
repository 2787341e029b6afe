package engine

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// TestPanicInARuleIsAnInternalErrorOfThatRule injects a panic into one
// rule's evaluation on the worker pool: it must come back as that rule's
// *RuleError wrapping an *InternalError, with the other rules' results,
// instead of ending the process.
func TestPanicInARuleIsAnInternalErrorOfThatRule(t *testing.T) {
	e := newTestEngine(t, Options{Rules: []string{"AWS-SG-001", "AWS-SG-002"}, Workers: 2})
	e.beforeRule = func(ruleID string, _ []*graph.Canonical) {
		if ruleID == "AWS-SG-001" {
			var m map[string]int
			//lint:ignore SA5000 a nil map write is the real runtime panic this test injects
			m["injected"]++
		}
	}
	resources := []*graph.Canonical{securityGroup("A", 10, sgRule(12, "tcp", 22, 22, graph.String("0.0.0.0/0", at(13))))}
	out, err := e.Evaluate(context.Background(), resources, nil)
	var re *RuleError
	var ie *InternalError
	if !errors.As(err, &re) || re.RuleID != "AWS-SG-001" || !errors.As(err, &ie) {
		t.Fatalf("err = %v, want AWS-SG-001's internal error", err)
	}
	if !strings.Contains(err.Error(), "internal error") || len(ie.Stack) == 0 {
		t.Errorf("err = %q, stack %d bytes", err, len(ie.Stack))
	}
	if out == nil || len(out.Findings) != 1 || out.Findings[0].RuleID != "AWS-SG-002" {
		t.Errorf("the healthy rule's findings were lost: %+v", out)
	}
}

// TestCancelledEvaluationStopsBuildingTheInput checks that a signal does not
// wait for the input of a large scan to be built.
func TestCancelledEvaluationStopsBuildingTheInput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	resources := []*graph.Canonical{securityGroup("A", 10), securityGroup("B", 50)}
	if _, err := buildInput(ctx, resources, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("buildInput: err = %v, want context.Canceled", err)
	}
	e := newTestEngine(t, Options{Rules: []string{"AWS-SG-002"}})
	if out, err := e.Evaluate(ctx, resources, nil); out != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Evaluate: out = %v, err = %v; want context.Canceled", out, err)
	}
}
