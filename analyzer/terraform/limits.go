package terraform

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
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
