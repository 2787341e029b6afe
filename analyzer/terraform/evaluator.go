package terraform

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/analyzer/terraform/forbudget"
)

// maxModuleDepth bounds module nesting; Terraform has no limit, but a
// configuration nested this deep is a loop rampart failed to see.
const maxModuleDepth = 32

// evaluator holds the state of evaluating one root module and everything
// it calls: the memo of evaluated named values, the evaluation stack for
// cycle detection, and what the Unit collects.
type evaluator struct {
	ctx     context.Context
	loader  *loader
	opts    Options
	rootDir string

	funcs map[string]function.Function
	// iterations is this evaluation's for-expression budget; the function
	// tables provide it to every expression evaluated (forbudget).
	iterations *forbudget.Meter
	// vars parses the variables files and values of this root, bound to
	// its budget.
	vars *parser
	// funcTables holds each module configuration's function table
	// (instanceFuncs), built once.
	funcTables map[*moduleConfig]map[string]function.Function
	// vocab is every attribute name the configurations read (vocabulary);
	// vocabNames the same, sorted, on first need. Neither is changed once
	// built: wholeSet shares them.
	vocab      map[string]bool
	vocabNames []string
	// wholeSets are the attribute names of resources used as a whole
	// (wholeSet), by resource.
	wholeSets map[*resourceConfig]*wholeSet
	manifest  map[string]string // modules.json key -> directory
	rootVals  map[string]*rootValue
	workspace string

	memo  map[string]*memoEntry
	stack []string
	// modulePaths holds an instance of each module path evaluated, for
	// checkCycles.
	modulePaths map[string]*moduleInstance

	unit     *graph.Unit
	files    map[string]bool
	diagSeen map[string]bool
	edgeSeen map[string]bool
	cfgSeen  map[*moduleConfig]bool
	stopped  bool
	// ephemeralDeclared is set once a module of the evaluation declares
	// an ephemeral variable, output or resource (ephemeralIn).
	ephemeralDeclared bool

	// instances counts the resource and module instances created, against
	// MaxUnitInstances (limits.go).
	instances instanceBudget
	// blocks counts the blocks dynamic blocks generate, against
	// MaxUnitBlocks.
	blocks instanceBudget

	// cur is the module instance whose expressions are being evaluated,
	// for the module context of diagnostics (diagctx.go).
	cur *moduleInstance
	// validating is set while bodies without instances are evaluated
	// only to find errors (evalall.go): notes and warnings are dropped.
	validating bool
	// errorsRaised counts the errors reported, before duplicates are
	// dropped, so that a validation can tell whether it found one.
	errorsRaised int
}

type memoEntry struct {
	val  cty.Value
	sh   *graph.Value
	busy bool
	// resource is set for a resource's expansion and arguments, whose
	// cycles checkCycles reports.
	resource bool
}

// once evaluates a named value at most once. A value that is read while
// it is being evaluated is a reference cycle: it becomes Unknown, and when
// report is set an error names the cycle at rng, unless the cycle goes
// through a resource: checkCycles reports those, with those evaluation
// does not meet.
//
// The value is refused when it holds more than MaxNamedValues values,
// nested ones included (see deepSize).
func (ev *evaluator) once(key string, rng hcl.Range, report bool, f func() (cty.Value, *graph.Value)) (cty.Value, *graph.Value) {
	return ev.onceAs(key, rng, report, false, func() (cty.Value, *graph.Value) {
		v, sh := f()
		if n := deepSize(v, MaxNamedValues); n > MaxNamedValues {
			ev.errorAt(loc(rng), "Value too large",
				fmt.Sprintf("this value holds more than %d values, nested ones included; rampart evaluates at most %d in one variable, local, output or module", MaxNamedValues, MaxNamedValues))
			return cty.DynamicVal, graph.Unknown("value larger than rampart evaluates", loc(rng))
		}
		return v, sh
	})
}

// onceResource is once for a resource's expansion or argument.
func (ev *evaluator) onceResource(key string, rng hcl.Range, f func() (cty.Value, *graph.Value)) (cty.Value, *graph.Value) {
	return ev.onceAs(key, rng, false, true, f)
}

func (ev *evaluator) onceAs(key string, rng hcl.Range, report, resource bool, f func() (cty.Value, *graph.Value)) (cty.Value, *graph.Value) {
	if e, ok := ev.memo[key]; ok {
		if !e.busy {
			return e.val, e.sh
		}
		start := 0
		for i, k := range ev.stack {
			if k == key {
				start = i
				break
			}
		}
		cycle := strings.Join(append(append([]string(nil), ev.stack[start:]...), key), " -> ")
		for _, k := range ev.stack[start:] {
			report = report && !ev.memo[k].resource
		}
		if report {
			ev.addDiag(graph.Diagnostic{
				Severity: graph.SeverityError,
				Summary:  "Cycle in references",
				Detail:   cycle,
				Location: loc(rng),
			})
		}
		return cty.DynamicVal, graph.Unknown("reference cycle "+cycle, loc(rng))
	}
	if len(ev.stack) > 4096 {
		ev.addDiag(graph.Diagnostic{Severity: graph.SeverityError, Summary: "Evaluation too deep", Detail: key, Location: loc(rng)})
		return cty.DynamicVal, graph.Unknown("evaluation too deep", loc(rng))
	}
	e := &memoEntry{busy: true, resource: resource}
	ev.memo[key] = e
	ev.stack = append(ev.stack, key)
	val, sh := f()
	ev.stack = ev.stack[:len(ev.stack)-1]
	e.val, e.sh, e.busy = val, sh, false
	return val, sh
}

// addHCL records hcl diagnostics, each once: the same expression can be
// evaluated more than once (a conditional's branch, an attribute read by
// another resource and then emitted).
func (ev *evaluator) addHCL(diags hcl.Diagnostics) {
	for _, d := range diags {
		gd := graph.Diagnostic{Summary: d.Summary, Detail: d.Detail}
		switch d.Severity {
		case hcl.DiagError:
			gd.Severity = graph.SeverityError
		case hcl.DiagWarning:
			gd.Severity = graph.SeverityWarning
		default:
			gd.Severity = graph.SeverityNote
		}
		if d.Subject != nil {
			gd.Location = loc(*d.Subject)
		}
		ev.addDiag(gd)
	}
}

func (ev *evaluator) addDiag(d graph.Diagnostic) {
	if d.Severity == graph.SeverityError {
		ev.errorsRaised++
	}
	if ev.validating && d.Severity != graph.SeverityError {
		return
	}
	inst := ev.diagInstance(d.Location)
	key := fmt.Sprintf("%d|%s|%s|%s|%s", d.Severity, d.Summary, d.Detail, d.Location, staticPath(inst))
	if ev.diagSeen[key] {
		return
	}
	ev.diagSeen[key] = true
	ev.unit.Diagnostics = append(ev.unit.Diagnostics, inModule(d, inst))
}

func (ev *evaluator) errorAt(l graph.Location, summary, detail string) {
	ev.addDiag(graph.Diagnostic{Severity: graph.SeverityError, Summary: summary, Detail: detail, Location: l})
}

func (ev *evaluator) addFile(path string) {
	if !ev.files[path] {
		ev.files[path] = true
		ev.unit.Files = append(ev.unit.Files, path)
	}
}

// useConfig records a module configuration's files and parse diagnostics
// in the unit, once per configuration however many instances it has.
func (ev *evaluator) useConfig(cfg *moduleConfig) {
	if ev.cfgSeen[cfg] {
		return
	}
	ev.cfgSeen[cfg] = true
	ev.ephemeralDeclared = ev.ephemeralDeclared || cfg.declaresEphemeral()
	for _, f := range cfg.files {
		ev.addFile(f)
	}
	ev.addHCL(cfg.diags)
}

// ephemeralIn reports whether v holds a value derived from an ephemeral
// one. Only what a module declares ephemeral (a variable, an output, an
// ephemeral resource) makes one, and a module's values are evaluated
// after useConfig has seen it: until a module of the evaluation declares
// one, no value holds one, and v is not walked (checking every output
// walked whole module objects).
func (ev *evaluator) ephemeralIn(v cty.Value) bool {
	return ev.ephemeralDeclared && v.HasMarkDeep(ephemeralMark)
}

func (ev *evaluator) addEdge(e graph.Edge) {
	key := fmt.Sprintf("%s|%s|%s|%s|%s|%s", e.From, e.To, e.Kind, e.Attr, e.Path, e.Location)
	if ev.edgeSeen[key] {
		return
	}
	ev.edgeSeen[key] = true
	ev.unit.Edges = append(ev.unit.Edges, e)
}

// cancelled reports (once) that the scan's context ended.
func (ev *evaluator) cancelled() bool {
	if ev.stopped {
		return true
	}
	if err := ev.ctx.Err(); err != nil {
		ev.stopped = true
		ev.errorAt(graph.Location{File: ev.rootDir}, "Evaluation cancelled", err.Error())
		return true
	}
	return false
}
