package tffuncs

import (
	"time"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// TimestampFunc is timestamp() (and plantimestamp()): the current time in
// UTC, RFC 3339. The table wraps it so that it is Unknown: in a plan its
// value is not decided yet.
var TimestampFunc = function.New(&function.Spec{
	Description: "Returns the current date and time in UTC, in RFC 3339 format.",
	Params:      []function.Parameter{},
	Type:        function.StaticReturnType(cty.String),
	Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
		return cty.StringVal(time.Now().UTC().Format(time.RFC3339)), nil
	},
})

// TimeCmpFunc is timecmp(timestamp_a, timestamp_b): -1, 0 or 1 as a is
// before, at the same instant as, or after b. Both are RFC 3339
// timestamps; their UTC offsets may differ.
var TimeCmpFunc = function.New(&function.Spec{
	Description: "Compares two RFC 3339 timestamps.",
	Params: []function.Parameter{
		{Name: "timestamp_a", Type: cty.String},
		{Name: "timestamp_b", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.Number),
	RefineResult: func(b *cty.RefinementBuilder) *cty.RefinementBuilder {
		return b.NotNull().NumberRangeInclusive(cty.NumberIntVal(-1), cty.NumberIntVal(1))
	},
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		var ts [2]time.Time
		for i := range ts {
			t, err := time.Parse(time.RFC3339, args[i].AsString())
			if err != nil {
				return cty.NilVal, function.NewArgErrorf(i, "not a valid RFC3339 timestamp: %s", err)
			}
			ts[i] = t
		}
		return cty.NumberIntVal(int64(ts[0].Compare(ts[1]))), nil
	},
})
