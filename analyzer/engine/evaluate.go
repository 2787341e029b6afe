package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/result"
)

// Output is what one evaluation produced.
type Output struct {
	Findings  []result.Finding
	Undecided []result.Undecided
	Passed    []result.Check
}

// RuleError is a rule that failed at evaluation: a conflict, a built-in
// error, a result that is not a finding. The other rules' results are
// still in the Output.
type RuleError struct {
	RuleID string
	File   string
	Err    error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("rule %s (%s): %v", e.RuleID, e.File, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

// InternalError is a panic inside the engine, turned into an error so one
// bug fails the evaluation it happened in instead of the whole process.
type InternalError struct {
	Value any
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error (please report): %v", e.Value)
}

// scan is what every rule of one Evaluate shares, read-only.
type scan struct {
	resources []*graph.Canonical
	input     ast.Value
	byUID     map[string]*graph.Canonical
	byKind    map[string][]*graph.Canonical
	notes     map[noteKey][]string
	// account is where an account-scope rule's finding about something
	// the scan lacks is anchored; nil when units are evaluated (account.go).
	account *accountAnchor
	// absent holds the account resources that may not be created, by UID.
	absent map[string]*graph.Value
}

type noteKey struct{ file, resource string }

// ruleOutput is one rule's share of the Output.
type ruleOutput struct {
	findings  []result.Finding
	undecided []result.Undecided
	passed    []result.Check
	err       error
}

// Evaluate runs every enabled rule on resources. diags are the front-ends'
// diagnostics; warnings about a resource are attached to its findings as
// notes. When some rules fail, Evaluate returns the Output of the others
// together with an error joining one *RuleError per failed rule.
func (e *Engine) Evaluate(ctx context.Context, resources []*graph.Canonical, diags graph.Diagnostics) (out *Output, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = nil, &InternalError{Value: p, Stack: debug.Stack()}
		}
	}()
	input, err := buildInputWith(ctx, resources, e.config, e.readsByType)
	if err != nil {
		return nil, err
	}
	s := &scan{
		resources: resources,
		input:     input,
		byUID:     make(map[string]*graph.Canonical, len(resources)),
		byKind:    map[string][]*graph.Canonical{},
		notes:     map[noteKey][]string{},
	}
	for _, c := range resources {
		s.byUID[c.UID] = c
		s.byKind[c.Kind] = append(s.byKind[c.Kind], c)
	}
	for _, d := range diags {
		if d.Severity == graph.SeverityWarning && d.Resource != "" {
			k := noteKey{d.Location.File, d.Resource}
			s.notes[k] = append(s.notes[k], d.Summary)
		}
	}

	kinds := make(map[string]bool, len(s.byKind))
	for k := range s.byKind {
		kinds[k] = true
	}
	rules, err := e.rulesFor(ctx, func(rm *ruleModule) bool {
		return rm.meta.Scope != ScopeAccount && appliesTo(rm, kinds)
	})
	if err != nil {
		return nil, err
	}
	return e.evaluateRules(ctx, s, rules)
}

// evaluateRules runs rules on a worker pool over s and gathers their
// results, sorted.
func (e *Engine) evaluateRules(ctx context.Context, s *scan, rules []*preparedRule) (*Output, error) {
	outs := make([]ruleOutput, len(rules))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(e.workers, len(rules)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				outs[i] = rules[i].evaluateRecovering(ctx, s, e.beforeRule)
			}
		}()
	}
feed:
	for i := range rules {
		select {
		case jobs <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("evaluate policies: %w", err)
	}

	// Sized exactly: a scan keeps every batch's output until it ends.
	var nf, nu, np int
	for _, o := range outs {
		nf, nu, np = nf+len(o.findings), nu+len(o.undecided), np+len(o.passed)
	}
	out := &Output{Findings: make([]result.Finding, 0, nf), Undecided: make([]result.Undecided, 0, nu), Passed: make([]result.Check, 0, np)}
	var errs []error
	for _, o := range outs {
		out.Findings = append(out.Findings, o.findings...)
		out.Undecided = append(out.Undecided, o.undecided...)
		out.Passed = append(out.Passed, o.passed...)
		if o.err != nil {
			errs = append(errs, o.err)
		}
	}
	sortOutput(out)
	return out, errors.Join(errs...)
}

// evaluateRecovering runs one rule on a worker goroutine, where a panic
// would end the process: it becomes the rule's *RuleError wrapping an
// *InternalError. before, when set, runs first (tests inject faults there).
func (r *preparedRule) evaluateRecovering(ctx context.Context, s *scan, before func(ruleID string, resources []*graph.Canonical)) (out ruleOutput) {
	defer func() {
		if p := recover(); p != nil {
			out = ruleOutput{err: &RuleError{RuleID: r.meta.ID, File: r.file, Err: &InternalError{Value: p, Stack: debug.Stack()}}}
		}
	}()
	if before != nil {
		before(r.meta.ID, s.resources)
	}
	return r.evaluate(ctx, s)
}

// rawResult is one element of a rule's deny set.
type rawResult struct {
	res     *graph.Canonical // nil for an account finding (account.go)
	path    graph.Path
	message string
	// because, on an undecided entry, is the value in another resource
	// the answer about res depends on (lib.undecided_because).
	because *rawResult
}

// evaluate runs one rule and sorts its results into findings, undecided
// and passed checks.
func (r *preparedRule) evaluate(ctx context.Context, s *scan) ruleOutput {
	fail := func(err error) ruleOutput {
		return ruleOutput{err: &RuleError{RuleID: r.meta.ID, File: r.file, Err: err}}
	}
	raws, entries, err := r.run(ctx, s)
	if err != nil {
		return fail(err)
	}
	// The rule's own account of what it could not decide, if it keeps one.
	var maybe map[string]*result.Undecided
	if r.hasUndecided {
		maybe = map[string]*result.Undecided{}
		for _, e := range entries {
			if maybe[e.res.UID] == nil {
				maybe[e.res.UID] = r.unknownUnder(e, s)
			}
		}
	}

	var out ruleOutput
	found := map[string]bool{}
	pending := map[string]*result.Undecided{}
	for _, raw := range raws {
		if raw.res == nil {
			out.findings = append(out.findings, r.accountFinding(raw, s.account))
			continue
		}
		if u := r.unknownAt(raw); u != nil {
			if pending[raw.res.UID] == nil {
				pending[raw.res.UID] = u
			}
			continue
		}
		out.findings = append(out.findings, r.finding(raw, s))
		found[raw.res.UID] = true
	}
	// Every resource the rule examines ends up in exactly one bucket.
	seen := map[string]bool{}
	visit := func(c *graph.Canonical) {
		if seen[c.UID] || found[c.UID] {
			return
		}
		seen[c.UID] = true
		if u := pending[c.UID]; u != nil {
			out.undecided = append(out.undecided, *u)
			return
		}
		var u *result.Undecided
		if maybe != nil {
			u = maybe[c.UID]
		} else {
			u = r.undecidedReads(c)
		}
		if u != nil {
			out.undecided = append(out.undecided, *u)
			return
		}
		out.passed = append(out.passed, result.Check{RuleID: r.meta.ID, Resource: ref(c), Location: c.Native.Loc.Normalized(),
			Instances: []result.Instance{instanceOf(c, nil)}})
	}
	for _, k := range r.meta.Kinds {
		for _, c := range s.byKind[k] {
			visit(c)
		}
	}
	for _, raw := range raws {
		if raw.res != nil && pending[raw.res.UID] != nil {
			visit(raw.res)
		}
	}
	for uid, u := range maybe {
		if u != nil {
			visit(s.byUID[uid])
		}
	}
	return out
}

// run evaluates the rule's query and decodes its deny set and its
// undecided set (nil when the rule keeps none), failing on built-in errors
// that would otherwise read as "undefined".
func (r *preparedRule) run(ctx context.Context, s *scan) (deny, undecided []rawResult, err error) {
	var builtinErrs []topdown.Error
	rs, err := r.query.Eval(ctx, rego.EvalParsedInput(s.input), rego.EvalBuiltinErrorList(&builtinErrs))
	if err != nil {
		return nil, nil, err
	}
	if len(builtinErrs) > 0 {
		msgs := make([]string, len(builtinErrs))
		for i, be := range builtinErrs {
			msgs[i] = be.Error()
		}
		return nil, nil, fmt.Errorf("built-in error: %s", strings.Join(msgs, "; "))
	}
	if deny, err = r.decode(rs, "deny", s); err != nil {
		return nil, nil, err
	}
	if undecided, err = r.decode(rs, "undecided", s); err != nil {
		return nil, nil, fmt.Errorf("undecided: %w", err)
	}
	return deny, undecided, nil
}

// unknownUnder turns an entry of a rule's undecided set into an Undecided:
// the first Unknown at or below the entry's path. An entry with nothing
// Unknown there is ignored: the rule decided after all. An entry whose
// answer depends on a value of another resource (because) is about its
// own resource, located at that value.
func (r *preparedRule) unknownUnder(e rawResult, s *scan) *result.Undecided {
	if e.because != nil {
		u := r.unknownUnder(*e.because, s)
		if u == nil && e.because.message != "" {
			// The rule says why the other resource as a whole leaves
			// the answer open (lib.undecided_with).
			u = r.undecided(e.because.res, graph.Unknown(e.because.message, e.because.res.Native.Loc), nil)
		}
		if u != nil {
			// About e.res, whose own properties hold nothing Unknown:
			// the location and the reason name the other resource.
			u.Reason = fmt.Sprintf("it depends on %s: %s", e.because.res.Native.ID, u.Reason)
			u.Resource, u.Instances = ref(e.res), []result.Instance{instanceOf(e.res, u.Instances[0].Trace)}
			u.Path = ""
		}
		return u
	}
	v, at := e.res.Props.At(e.path), e.path
	if v == nil {
		v, at = nearest(e.res.Props, e.path)
	}
	var found *graph.Value
	var foundAt graph.Path
	v.Walk(func(p graph.Path, x *graph.Value) bool {
		if found != nil {
			return false
		}
		if x.IsUnknown() {
			found, foundAt = x, append(append(graph.Path(nil), at...), p...)
			return false
		}
		return true
	})
	if found == nil {
		if absent := s.mayNotExist(e.res, e.path); absent != nil {
			return r.undecided(e.res, absent, nil)
		}
		return nil
	}
	return r.undecided(e.res, found, foundAt)
}

// decode checks the shape of the deny (or undecided) set bound to name in
// the query's result: a set of objects with a uid of a resource in the
// scan, a path of keys and indexes, and a message.
func (r *preparedRule) decode(rs rego.ResultSet, name string, s *scan) ([]rawResult, error) {
	var out []rawResult
	for _, row := range rs {
		// The query collects the set into a one-element array, empty when
		// the set is undefined.
		wrapped, _ := row.Bindings[name].([]any)
		for _, value := range wrapped {
			items, ok := value.([]any)
			if !ok {
				return nil, fmt.Errorf("deny must be a set, got %T", value)
			}
			for _, it := range items {
				obj, ok := it.(map[string]any)
				if !ok {
					return nil, fmt.Errorf("deny element %v is not an object; build it with data.rampart.lib.finding", it)
				}
				raw, err := decodeElement(obj, s)
				if err != nil {
					return nil, err
				}
				if raw.res == nil && name != "deny" {
					return nil, fmt.Errorf("an undecided element must name a resource of the scan")
				}
				if raw.message == "" {
					raw.message = r.meta.Title
				}
				out = append(out, raw)
			}
		}
	}
	return out, nil
}

// decodeElement reads one element built with data.rampart.lib.finding (or
// lib.account_finding, lib.undecided_because).
func decodeElement(obj map[string]any, s *scan) (rawResult, error) {
	uid, _ := obj["uid"].(string)
	c := s.byUID[uid]
	switch {
	case uid == "" && s.account != nil:
		// lib.account_finding: about the account, not one resource.
	case c == nil:
		return rawResult{}, fmt.Errorf("deny element names resource %q, which is not in the scan", obj["uid"])
	}
	var steps []any
	if p, present := obj["path"]; present && p != nil {
		var ok bool
		if steps, ok = p.([]any); !ok {
			return rawResult{}, fmt.Errorf("deny element path %v is not a list", p)
		}
	}
	path, err := graph.ParsePath(steps)
	if err != nil {
		return rawResult{}, fmt.Errorf("deny element path: %w", err)
	}
	msg, _ := obj["message"].(string)
	raw := rawResult{res: c, path: path, message: msg}
	if b, present := obj["because"]; present && b != nil {
		bobj, ok := b.(map[string]any)
		if !ok {
			return rawResult{}, fmt.Errorf("deny element because %v is not an object", b)
		}
		because, err := decodeElement(bobj, s)
		if err != nil {
			return rawResult{}, fmt.Errorf("because: %w", err)
		}
		if because.res == nil {
			return rawResult{}, fmt.Errorf("because must name a resource of the scan")
		}
		raw.because = &because
	}
	return raw, nil
}

// unknownAt returns an Undecided when the blamed value is Unknown, or when
// the path runs into an Unknown before it ends: the rule saw null there and
// must not be trusted to have judged a real value. It does the same when
// the blamed value lies inside an element that may not exist (presence.go).
func (r *preparedRule) unknownAt(raw rawResult) *result.Undecided {
	if p, at := maybeAbsent(raw.res.Props, raw.path); p != nil {
		return r.undecided(raw.res, p, at)
	}
	v := raw.res.Props.At(raw.path)
	var at graph.Path = raw.path
	if v == nil {
		v, at = nearest(raw.res.Props, raw.path)
	}
	if !v.IsUnknown() {
		return nil
	}
	return r.undecided(raw.res, v, at)
}

// nearest walks path as far as it exists and returns the deepest value
// and its path.
func nearest(root *graph.Value, path graph.Path) (*graph.Value, graph.Path) {
	cur, depth := root, 0
	for i, step := range path {
		var next *graph.Value
		switch s := step.(type) {
		case string:
			next = cur.Get(s)
		case int:
			next = cur.Index(s)
		}
		if next == nil {
			break
		}
		cur, depth = next, i+1
	}
	return cur, path[:depth]
}

// undecidedReads looks for an Unknown in the properties the rule reads.
func (r *preparedRule) undecidedReads(c *graph.Canonical) *result.Undecided {
	for _, p := range r.reads {
		if v, at := firstUnknown(c.Props, p); v != nil {
			return r.undecided(c, v, at)
		}
	}
	return nil
}

func (r *preparedRule) undecided(c *graph.Canonical, v *graph.Value, at graph.Path) *result.Undecided {
	reason := v.Reason
	if reason == "" {
		reason = "the value is not known before deployment"
	}
	loc := v.Loc
	if !loc.Known() {
		loc = locate(c, at)
	}
	return &result.Undecided{
		RuleID: r.meta.ID, RuleName: r.meta.Name, Severity: r.meta.Severity,
		Resource: ref(c), Location: loc.Normalized(), Path: at.String(), Reason: reason,
		Instances: []result.Instance{instanceOf(c, v.Trace)},
	}
}

// finding builds the Finding for a result whose blamed value is known.
func (r *preparedRule) finding(raw rawResult, s *scan) result.Finding {
	c := raw.res
	v := c.Props.At(raw.path)
	if v == nil {
		v, _ = nearest(c.Props, raw.path)
	}
	var trace graph.Trace
	if v != nil && len(v.Trace) > 0 {
		trace = append(graph.Trace(nil), v.Trace...)
	}
	if because := c.Native.Meta[graph.MetaExistsBecause]; because != nil && len(because.Trace) > 0 {
		// The resource exists only because a condition held: that is
		// where the finding starts.
		trace = append(append(graph.Trace(nil), because.Trace...), trace...)
	}
	pathText := raw.path.String()
	inst := instanceOf(c, trace)
	return result.Finding{
		RuleID:      r.meta.ID,
		RuleName:    r.meta.Name,
		Severity:    r.meta.Severity,
		Title:       r.meta.Title,
		Message:     raw.message,
		Resource:    ref(c),
		Location:    locate(c, raw.path).Normalized(),
		Path:        pathText,
		Remediation: r.meta.Remediation,
		Fingerprint: fingerprint(r.meta.ID, c.Native.Loc.File, inst.BlockAddress(), pathText),
		Trace:       trace,
		Notes:       s.notesFor(c),
		Instances:   []result.Instance{inst},
	}
}

// locate returns the location of the deepest value along path that has
// one; the resource's own location when none does.
func locate(c *graph.Canonical, path graph.Path) graph.Location {
	loc := c.Native.Loc
	cur := c.Props
	if cur != nil && cur.Loc.Known() {
		loc = cur.Loc
	}
	for _, step := range path {
		switch s := step.(type) {
		case string:
			cur = cur.Get(s)
		case int:
			cur = cur.Index(s)
		}
		if cur == nil {
			break
		}
		if cur.Loc.Known() {
			loc = cur.Loc
		}
	}
	return loc
}

// notesFor returns the front-end warnings about c or a resource folded
// into it, in the file c is defined in.
func (s *scan) notesFor(c *graph.Canonical) []string {
	file := c.Native.Loc.File
	notes := append([]string(nil), s.notes[noteKey{file, c.Native.ID}]...)
	for _, part := range c.Parts {
		notes = append(notes, s.notes[noteKey{file, part}]...)
	}
	return notes
}

func ref(c *graph.Canonical) result.ResourceRef {
	return result.ResourceRef{ID: c.Native.ID, Type: c.Native.Type, Kind: c.Kind}
}

// fingerprint identifies a finding without line numbers, so it survives
// edits that move the resource: rule, file, resource and blamed path. The
// resource is named by its block address (inside its module, without
// instance keys), so every root, module call and count instance that reaches the
// same line yields the same fingerprint, and adding one changes nothing.
func fingerprint(ruleID, file, blockAddr, path string) string {
	sum := sha256.Sum256([]byte(ruleID + "|" + file + "|" + blockAddr + "|" + path))
	return hex.EncodeToString(sum[:])[:32]
}

func sortOutput(o *Output) {
	sort.SliceStable(o.Findings, func(i, j int) bool {
		a, b := o.Findings[i], o.Findings[j]
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Resource.ID != b.Resource.ID {
			return a.Resource.ID < b.Resource.ID
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Message < b.Message
	})
	sort.SliceStable(o.Undecided, func(i, j int) bool {
		a, b := o.Undecided[i], o.Undecided[j]
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		if a.Location.StartLine != b.Location.StartLine {
			return a.Location.StartLine < b.Location.StartLine
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Resource.ID < b.Resource.ID
	})
	sort.SliceStable(o.Passed, func(i, j int) bool {
		a, b := o.Passed[i], o.Passed[j]
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		if a.Location.File != b.Location.File {
			return a.Location.File < b.Location.File
		}
		return a.Resource.ID < b.Resource.ID
	})
}
