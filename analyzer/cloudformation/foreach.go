package cloudformation

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// expandForEach returns map m with its Fn::ForEach::Name entries replaced by
// the entries they generate (AWS::LanguageExtensions). Loops nest.
func (st *stack) expandForEach(m *node, where string, depth int) *node {
	has := false
	for _, k := range m.keys {
		if strings.HasPrefix(k.name, "Fn::ForEach::") {
			has = true
			break
		}
	}
	if !has {
		return m
	}
	out := &node{kind: nMap, loc: m.loc, via: m.via}
	seen := map[string]bool{}
	add := func(k mapKey, v *node) {
		if seen[k.name] {
			st.p.errorf(k.loc, "Fn::ForEach: %s key %q is generated twice", where, k.name)
			return
		}
		seen[k.name] = true
		out.keys = append(out.keys, k)
		out.vals = append(out.vals, v)
	}
	for i, k := range m.keys {
		if !strings.HasPrefix(k.name, "Fn::ForEach::") {
			add(k, m.vals[i])
			continue
		}
		gen := st.expandForEachEntry(k, m.vals[i], where, depth)
		for j, gk := range gen.keys {
			add(gk, gen.vals[j])
		}
	}
	return out
}

// expandForEachEntry expands one Fn::ForEach::Name: [Identifier, Collection,
// {OutputKey: Template}] entry into a map of generated entries.
func (st *stack) expandForEachEntry(k mapKey, v *node, where string, depth int) *node {
	out := &node{kind: nMap, loc: v.loc}
	if depth > 8 {
		st.p.errorf(k.loc, "Fn::ForEach loops nest deeper than 8 levels")
		return out
	}
	loop := strings.TrimPrefix(k.name, "Fn::ForEach::")
	if v.kind != nList || len(v.list) != 3 {
		st.p.errorf(v.loc, "%s needs [Identifier, Collection, {OutputKey: Template}]", k.name)
		return out
	}
	ident, ok := v.list[0].scalarString()
	if !ok || ident == "" {
		st.p.errorf(v.list[0].loc, "%s: the identifier must be a string", k.name)
		return out
	}
	coll, ok := st.eval(v.list[1], evalCtx{})
	if !ok || coll.Kind != graph.KindList {
		if ok && coll.IsUnknown() {
			st.p.errorf(v.list[1].loc, "cannot expand %s: its collection is unknown (%s); give the parameter a value with --cfn-param", k.name, coll.Reason)
		} else {
			st.p.errorf(v.list[1].loc, "%s: the collection must be a list", k.name)
		}
		return out
	}
	tmpl := v.list[2]
	if tmpl.kind != nMap {
		st.p.errorf(tmpl.loc, "%s: the output template must be a map", k.name)
		return out
	}
	for _, item := range coll.List {
		s, ok := item.AsString()
		if !ok || item.IsUnknown() {
			st.p.errorf(item.Loc, "cannot expand %s: a collection element is unknown or not a string", k.name)
			return out
		}
		st.p.forEach++
		if st.p.forEach > MaxForEachExpansions {
			if st.p.forEach == MaxForEachExpansions+1 {
				st.p.errorf(k.loc, "Fn::ForEach loops make more than %d copies", MaxForEachExpansions)
			}
			return out
		}
		sub := forEachSubst{ident: ident, value: s, valueLoc: item.Loc, note: "Fn::ForEach::" + loop + " " + ident + " = " + quoted(s)}
		gen := sub.node(tmpl)
		gen = st.expandForEach(gen, where, depth+1)
		out.keys = append(out.keys, gen.keys...)
		out.vals = append(out.vals, gen.vals...)
	}
	return out
}

// forEachSubst replaces a loop identifier in a copy of a template:
// ${Id} and &{Id} in strings and keys, and {Ref: Id}.
type forEachSubst struct {
	ident, value string
	valueLoc     graph.Location
	note         string
}

func (f forEachSubst) text(s string) string {
	if !strings.Contains(s, "{"+f.ident+"}") {
		return s
	}
	s = strings.ReplaceAll(s, "${"+f.ident+"}", f.value)
	return strings.ReplaceAll(s, "&{"+f.ident+"}", alnum(f.value))
}

// alnum keeps only letters and digits, as &{Id} does for logical IDs.
func alnum(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (f forEachSubst) node(n *node) *node {
	c := *n
	switch n.kind {
	case nString:
		c.str = f.text(n.str)
	case nList:
		c.list = make([]*node, len(n.list))
		for i, e := range n.list {
			c.list[i] = f.node(e)
		}
	case nMap:
		if fn, arg, ok := n.single(); ok && fn == "Ref" && arg.kind == nString && arg.str == f.ident {
			hop := graph.Hop{Location: f.valueLoc, Note: f.note}
			return &node{kind: nString, str: f.value, loc: n.loc, via: append(cloneTrace(n.via), hop)}
		}
		c.keys = make([]mapKey, len(n.keys))
		c.vals = make([]*node, len(n.vals))
		for i, k := range n.keys {
			c.keys[i] = mapKey{name: f.text(k.name), loc: k.loc}
			c.vals[i] = f.node(n.vals[i])
		}
	}
	return &c
}
