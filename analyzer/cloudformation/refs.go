package cloudformation

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// fnRef resolves Ref: a parameter's value, a pseudo parameter, or a
// reference to a resource (Unknown with the Ref and an edge).
func (st *stack) fnRef(arg *node, loc graph.Location, c evalCtx) (*graph.Value, bool) {
	name, ok := arg.scalarString()
	if !ok || arg.kind != nString {
		if arg.kind == nMap {
			// AWS::LanguageExtensions allows a function that yields the name.
			v, s, known := st.argString(arg, "Ref", c)
			if !known {
				return v, true
			}
			name = s
		} else {
			st.p.errorf(arg.loc, "Ref needs the name of a parameter or resource, got %s", arg.kindName())
			return graph.Unknown("invalid Ref", loc), true
		}
	}
	if name == "AWS::NoValue" {
		return nil, false
	}
	if id, prop, dotted := strings.Cut(name, "."); dotted && st.sam {
		// SAM's referenceable properties: !Ref MyFunction.Alias,
		// !Ref MyApi.Stage name resources the transform generates. One
		// rampart does not generate stays a reference to the SAM resource.
		if gen, ok := st.samRefs[name]; ok && st.res[gen] != nil {
			return st.resourceRef(gen, "", loc, c), true
		}
		if _, ok := st.res[id]; ok {
			return st.resourceRef(id, prop, loc, c), true
		}
	}
	return st.lookup(name, loc, c, "Ref"), true
}

// lookup resolves a name used by Ref or ${Name} in Fn::Sub.
func (st *stack) lookup(name string, loc graph.Location, c evalCtx, fn string) *graph.Value {
	if v, ok := c.locals[name]; ok {
		return v.Derive(loc, "Fn::Sub variable "+name)
	}
	if reason, ok := st.forEachUnknown[name]; ok {
		return graph.Unknown(reason, loc)
	}
	if pm, ok := st.params[name]; ok {
		v := st.paramRef(pm, loc)
		if v.Ref != nil && c.res != "" {
			// A nested stack parameter that stands for a parent's resource
			// attribute is a reference too.
			st.addEdge(c, v.Ref, loc)
		}
		return v
	}
	if pseudoParams[name] {
		u := graph.Unknown("pseudo parameter "+name+" is known only at deployment", loc)
		return u
	}
	if _, ok := st.res[name]; ok {
		return st.resourceRef(name, "", loc, c)
	}
	if rep, ok := st.representativeFor(name); ok {
		return st.resourceRef(rep, "", loc, c)
	}
	if name == "AWS::NoValue" {
		st.p.errorf(loc, "%s: AWS::NoValue cannot be used inside a string", fn)
		return graph.Unknown("AWS::NoValue inside a string", loc)
	}
	st.p.errorf(loc, "%s to %q: no parameter or resource of that name", fn, name)
	return graph.Unknown(fn+" to undefined name "+name, loc)
}

// fnGetAtt resolves Fn::GetAtt in its "Res.Attr" and [Res, Attr] forms.
func (st *stack) fnGetAtt(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	var id, attr string
	switch arg.kind {
	case nString:
		var ok bool
		id, attr, ok = strings.Cut(arg.str, ".")
		if !ok || id == "" || attr == "" {
			st.p.errorf(arg.loc, "Fn::GetAtt needs Resource.Attribute, got %q", arg.str)
			return graph.Unknown("invalid Fn::GetAtt", loc)
		}
	case nList:
		items, ok := st.argList("Fn::GetAtt", arg, 2, 2)
		if !ok {
			return graph.Unknown("invalid Fn::GetAtt", loc)
		}
		s, ok := items[0].scalarString()
		if !ok && isCall(items[0]) {
			// AWS::LanguageExtensions: the name may come from a function
			// (Fn::Sub inside Fn::ForEach).
			v, name, known := st.argString(items[0], "Fn::GetAtt resource name", c)
			if !known {
				return unknownFrom("Fn::GetAtt", v, loc)
			}
			s, ok = name, true
		}
		if !ok {
			st.p.errorf(items[0].loc, "Fn::GetAtt needs a resource name, got %s", items[0].kindName())
			return graph.Unknown("invalid Fn::GetAtt", loc)
		}
		id = s
		v, a, known := st.argString(items[1], "Fn::GetAtt attribute", c)
		if !known {
			st.resourceRef(id, "", loc, c)
			return unknownFrom("Fn::GetAtt", v, loc)
		}
		attr = a
	default:
		st.p.errorf(arg.loc, "Fn::GetAtt needs Resource.Attribute or [Resource, Attribute], got %s", arg.kindName())
		return graph.Unknown("invalid Fn::GetAtt", loc)
	}
	if rep, ok := st.representativeFor(id); st.res[id] == nil && ok {
		id = rep
	}
	if _, ok := st.res[id]; !ok {
		if _, isParam := st.params[id]; isParam {
			st.p.errorf(loc, "Fn::GetAtt to %q: that is a parameter, not a resource", id)
		} else {
			st.p.errorf(loc, "Fn::GetAtt to %q: no resource of that name", id)
		}
		return graph.Unknown("Fn::GetAtt to undefined resource "+id, loc)
	}
	return st.resourceRef(id, attr, loc, c)
}

// resourceRef is the value of a reference to resource id (attr "" for Ref):
// an Unknown carrying the Ref, plus an edge from the referring resource. A
// nested stack's Outputs.X resolves to the child's output.
func (st *stack) resourceRef(id, attr string, loc graph.Location, c evalCtx) *graph.Value {
	full := st.fullID(id)
	if !st.isCreated(id) {
		st.p.diags.Warnf(loc, "reference to resource %s, which is not created (its condition is false)", id)
		return graph.Unknown("resource "+id+" is not created (its condition is false)", loc)
	}
	st.addEdge(c, &graph.Ref{Resource: full, Attr: attr}, loc)
	e := st.res[id]
	if out, ok := strings.CutPrefix(attr, "Outputs."); ok && isStackType(e.typ) {
		if v := st.stackOutput(e, out, loc, c); v != nil {
			return v
		}
	}
	reason := "Ref to resource " + full + " is known only after deployment"
	if attr != "" {
		reason = "attribute " + attr + " of resource " + full + " is known only after deployment"
	}
	return graph.UnknownRef(full, attr, reason, loc)
}

// addEdge records a reference from the resource being evaluated.
func (st *stack) addEdge(c evalCtx, to *graph.Ref, loc graph.Location) {
	if c.res == "" {
		return
	}
	kind := graph.EdgeRef
	if to.Attr != "" {
		kind = graph.EdgeGetAtt
	}
	st.p.unit.Edges = append(st.p.unit.Edges, graph.Edge{
		From: c.res, To: to.Resource, Kind: kind, Attr: to.Attr, Path: c.path, Location: loc,
	})
}
