package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"

	"github.com/rampart-iac/rampart/analyzer/terraform/tffuncs"
)

// Limits keep a hostile or broken configuration from hanging or exhausting
// a scan. Each is reported as an error diagnostic at the line where it was
// reached, well before the work it guards becomes slow.
const (
	// MaxBlockInstances bounds the instances one count or for_each
	// creates.
	MaxBlockInstances = 10_000
	// MaxUnitInstances bounds the resource, data source and module
	// instances of one root module, its child modules included.
	MaxUnitInstances = 20_000
)

// sizeBudget refuses a value an expression built that is larger than a
// function may return (tffuncs.MaxStringBytes, tffuncs.MaxElements): a
// template or a for expression can double a string or a list at each
// step of a chain of locals, which no function budget sees. Checking each
// result stops the chain at the first step over the budget.
func sizeBudget(v cty.Value, rng hcl.Range) *hcl.Diagnostic {
	u, _ := v.Unmark()
	if !u.IsKnown() || u.IsNull() {
		return nil
	}
	detail := ""
	switch ty := u.Type(); {
	case ty == cty.String:
		if n := len(u.AsString()); n > tffuncs.MaxStringBytes {
			detail = fmt.Sprintf("This expression builds a string of %d bytes; rampart evaluates at most %d.", n, tffuncs.MaxStringBytes)
		}
	case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
		if n := u.LengthInt(); n > tffuncs.MaxElements {
			detail = fmt.Sprintf("This expression builds %d elements; rampart evaluates at most %d.", n, tffuncs.MaxElements)
		}
	}
	if detail == "" {
		return nil
	}
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Value too large", Detail: detail, Subject: rng.Ptr()}
}

// instanceBudget counts the instances a unit has created so far.
type instanceBudget struct {
	used     int
	exceeded bool
}

// take adds n instances created by the count or for_each at rng to the
// unit's total. Past MaxUnitInstances it reports an error, once per unit,
// and returns false: the caller keeps a single representative instance so
// the rest of the evaluation stays bounded.
func (ev *evaluator) takeInstances(n int, rng hcl.Range, arg string) bool {
	b := &ev.instances
	if b.exceeded {
		return false
	}
	if b.used+n <= MaxUnitInstances {
		b.used += n
		return true
	}
	b.exceeded = true
	ev.errorAt(loc(rng), "Too many instances",
		fmt.Sprintf("this %s would bring the module's resource and module instances to %d; rampart evaluates at most %d per root module, child modules included",
			arg, b.used+n, MaxUnitInstances))
	return false
}
