// Package tristate is the three-valued answer of the pattern matchers
// (logpattern, eventpattern): whether a pattern matches an event is Yes, No
// or Maybe when it depends on a value that differs from one event to the
// next (a caller's IP address, a request parameter) or that a template does
// not know before deployment.
package tristate

// Truth is Yes, No or Maybe, combined with Kleene's three-valued logic.
type Truth int8

const (
	No Truth = iota
	Maybe
	Yes
)

func (t Truth) String() string {
	switch t {
	case Yes:
		return "yes"
	case Maybe:
		return "maybe"
	}
	return "no"
}

// Of is Yes for true and No for false.
func Of(b bool) Truth {
	if b {
		return Yes
	}
	return No
}

// And is the smaller of a and b: No wins, then Maybe.
func And(a, b Truth) Truth { return min(a, b) }

// Or is the larger of a and b: Yes wins, then Maybe.
func Or(a, b Truth) Truth { return max(a, b) }

// Not swaps Yes and No and keeps Maybe.
func (t Truth) Not() Truth { return Yes - t }

// Varying stands, in an event, for a field that is present in every
// instance of the event but whose value differs from one to the next
// (eventTime, sourceIPAddress, requestParameters). A condition on its value
// is Maybe; its existence is certain.
type Varying struct{}

// Unknown stands, in a pattern, for a value the template does not know
// before deployment. A condition with it is Maybe.
type Unknown struct{ Reason string }
