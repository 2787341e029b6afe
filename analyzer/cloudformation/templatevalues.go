package cloudformation

import "github.com/rampart-iac/rampart/analyzer/graph"

// addTemplateValues records what the stack holds outside its resources:
// parameter defaults and the values given to them, outputs and mappings.
// A rule that reads every string of a template (a hardcoded credential in a
// parameter's Default) finds them in the unit's Values.
func (st *stack) addTemplateValues() {
	add := func(holder string, v *graph.Value) {
		if v != nil {
			st.p.unit.Values = append(st.p.unit.Values, graph.TemplateValue{Holder: holder, Module: st.prefix, Value: v})
		}
	}
	if ps := st.root.get("Parameters"); ps != nil && ps.kind == nMap {
		for _, k := range ps.keys {
			pm := st.params[k.name]
			if pm == nil {
				continue
			}
			add("Parameters."+k.name+".Default", pm.def)
			if pm.value != nil && pm.def != nil && pm.value.Loc == pm.def.Loc {
				continue // the default itself
			}
			add("Parameters."+k.name, pm.value)
		}
	}
	if st.mappings != nil {
		add("Mappings", st.mappings.literal())
	}
	for _, name := range st.outOrder {
		if o := st.outputs[name]; o != nil && o.value != nil {
			add("Outputs."+name, o.value)
		}
	}
}
