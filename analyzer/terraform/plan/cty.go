package plan

import (
	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/zclconf/go-cty/cty"
)

var ctyString = cty.String

// ctyCanon renders a constant HCL value in the form canonValue gives the
// plan value Terraform made of it.
func ctyCanon(v cty.Value) (string, bool) {
	if v.IsNull() {
		return "\x00null", true
	}
	if !v.IsWhollyKnown() {
		return "", false
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Bool:
		if v.True() {
			return "true", true
		}
		return "false", true
	case ty == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return graph.FormatNumber(f), true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			s, ok := ctyCanon(e)
			if !ok {
				return "", false
			}
			parts = append(parts, s)
		}
		return canonList(parts), true
	case ty.IsMapType() || ty.IsObjectType():
		var parts []string
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			s, ok := ctyCanon(e)
			if !ok {
				return "", false
			}
			parts = append(parts, k.AsString()+"\x02"+s)
		}
		return canonMap(parts), true
	}
	return "", false
}
