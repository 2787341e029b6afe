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
	if !ok || coll.Kind != graph.KindList && !coll.IsUnknown() {
		st.p.errorf(v.list[1].loc, "%s: the collection must be a list", k.name)
		return out
	}
	tmpl := v.list[2]
	if tmpl.kind != nMap {
		st.p.errorf(tmpl.loc, "%s: the output template must be a map", k.name)
		return out
	}
	// unknown is why the loop has members nobody knows yet: an Unknown
	// collection (a parameter without a value) or Unknown elements.
	var unknown string
	if coll.IsUnknown() {
		unknown = coll.Reason
	}
	for _, item := range coll.List {
		if st.p.cancelled(item.Loc) {
			return out
		}
		if item.IsUnknown() {
			unknown = item.Reason
			continue
		}
		s, ok := item.AsString()
		if !ok {
			st.p.errorf(item.Loc, "cannot expand %s: a collection element is not a string", k.name)
			return out
		}
		if !st.countForEachCopy(k) {
			return out
		}
		sub := forEachSubst{ident: ident, value: s, valueLoc: item.Loc, note: "Fn::ForEach::" + loop + " " + ident + " = " + quoted(s)}
		gen := st.expandForEach(sub.node(tmpl), where, depth+1)
		out.keys = append(out.keys, gen.keys...)
		out.vals = append(out.vals, gen.vals...)
	}
	if unknown != "" && st.countForEachCopy(k) {
		st.representativeCopy(out, k, ident, tmpl, where, depth, unknown)
	}
	return out
}

// countForEachCopy counts one copy against MaxForEachExpansions.
func (st *stack) countForEachCopy(k mapKey) bool {
	st.p.forEach++
	if st.p.forEach > MaxForEachExpansions {
		if st.p.forEach == MaxForEachExpansions+1 {
			st.p.errorf(k.loc, "Fn::ForEach loops make more than %d copies", MaxForEachExpansions)
		}
		return false
	}
	return true
}

// representativeCopy adds to out the one copy that stands for the members
// of a loop that are not known before deployment, as Terraform keeps one
// instance of a resource whose count is unknown: dropping it would hide it
// from every rule. Its keys have the identifier written as "*"
// (Topic${Name} becomes Topic*), and the identifier's value is Unknown
// inside it. Resources among them are marked Representative.
func (st *stack) representativeCopy(out *node, k mapKey, ident string, tmpl *node, where string, depth int, unknown string) {
	reason := k.name + ": the collection is unknown (" + unknown + ")"
	if st.forEachUnknown == nil {
		st.forEachUnknown = map[string]string{}
	}
	// The identifier is renamed to a name no template can declare, so that
	// loops reusing an identifier keep their own reasons.
	name := where + "/" + k.name + "/" + itoa(depth)
	st.forEachUnknown[name] = reason
	sub := forEachSubst{ident: ident, value: "*", unknown: true, unknownName: name}
	gen := st.expandForEach(sub.entries(tmpl, where), where, depth+1)
	for _, gk := range gen.keys {
		if where == "Resources" {
			if st.representative == nil {
				st.representative = map[string]string{}
			}
			st.representative[gk.name] = reason
		}
	}
	out.keys = append(out.keys, gen.keys...)
	out.vals = append(out.vals, gen.vals...)
}

// representativeFor returns the representative resource that stands for
// the logical ID name (Topic* for TopicOrders), if any; the first in
// template order when several match.
func (st *stack) representativeFor(name string) (string, bool) {
	if len(st.representative) == 0 {
		return "", false
	}
	for _, id := range st.order {
		if _, rep := st.representative[id]; rep && matchStar(id, name) {
			return id, true
		}
	}
	return "", false
}

// matchStar reports whether name matches pattern, in which each "*" stands
// for any text.
func matchStar(pattern, name string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == name
	}
	if !strings.HasPrefix(name, parts[0]) {
		return false
	}
	name = name[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(name, p)
		if i < 0 {
			return false
		}
		name = name[i+len(p):]
	}
	last := parts[len(parts)-1]
	return len(name) >= len(last) && strings.HasSuffix(name, last)
}

// forEachSubst replaces a loop identifier in a copy of a template:
// ${Id} and &{Id} in strings and keys, and {Ref: Id}. In the representative
// copy of an unknown collection (unknown set) keys get value ("*"), while
// {Ref: Id} and ${Id} are left for the evaluator, which resolves the
// identifier to an Unknown; a plain string that uses it becomes an Fn::Sub
// so that it does.
type forEachSubst struct {
	ident, value string
	valueLoc     graph.Location
	note         string
	// unknown marks the representative copy; the identifier is then
	// renamed to unknownName, which the evaluator resolves to an Unknown.
	unknown     bool
	unknownName string
}

func (f forEachSubst) text(s string) string {
	if !strings.Contains(s, "{"+f.ident+"}") {
		return s
	}
	amp := alnum(f.value)
	if f.unknown {
		amp = f.value // "*" in either form names the representative copy
	}
	s = strings.ReplaceAll(s, "${"+f.ident+"}", f.value)
	return strings.ReplaceAll(s, "&{"+f.ident+"}", amp)
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

func (f forEachSubst) node(n *node) *node { return f.nodeIn(n, false) }

// nodeIn copies n; inSub is set for the template string of an Fn::Sub.
func (f forEachSubst) nodeIn(n *node, inSub bool) *node {
	c := *n
	switch n.kind {
	case nString:
		if f.unknown {
			return f.unknownString(n, inSub)
		}
		c.str = f.text(n.str)
	case nList:
		c.list = make([]*node, len(n.list))
		for i, e := range n.list {
			c.list[i] = f.nodeIn(e, inSub && i == 0)
		}
	case nMap:
		fn, arg, single := n.single()
		if single && f.unknown {
			if named, ok := f.namingCall(n, fn, arg); ok {
				return named
			}
		}
		if single && fn == "Ref" && arg.kind == nString && arg.str == f.ident {
			if f.unknown {
				renamed := *arg
				renamed.str = f.unknownName
				return &node{kind: nMap, keys: n.keys, vals: []*node{&renamed}, loc: n.loc, via: n.via}
			}
			hop := graph.Hop{Location: f.valueLoc, Note: f.note}
			return &node{kind: nString, str: f.value, loc: n.loc, via: append(cloneTrace(n.via), hop)}
		}
		c.keys = make([]mapKey, len(n.keys))
		c.vals = make([]*node, len(n.vals))
		for i, k := range n.keys {
			c.keys[i] = mapKey{name: f.text(k.name), loc: k.loc}
			c.vals[i] = f.nodeIn(n.vals[i], single && fn == "Fn::Sub")
		}
	}
	return &c
}

// entries copies the output template of a loop for the representative
// copy. The Condition and DependsOn of a resource or output name other
// entries, so the identifier in them becomes "*" like in the keys.
func (f forEachSubst) entries(tmpl *node, where string) *node {
	if where != "Resources" && where != "Outputs" {
		return f.node(tmpl)
	}
	out := &node{kind: nMap, loc: tmpl.loc, via: tmpl.via}
	for i, k := range tmpl.keys {
		body := tmpl.vals[i]
		if body.kind != nMap || strings.HasPrefix(k.name, "Fn::ForEach::") {
			out.keys = append(out.keys, mapKey{name: f.text(k.name), loc: k.loc})
			out.vals = append(out.vals, f.node(body))
			continue
		}
		c := *body
		c.keys = make([]mapKey, len(body.keys))
		c.vals = make([]*node, len(body.vals))
		for j, bk := range body.keys {
			c.keys[j] = bk
			if bk.name == "Condition" || bk.name == "DependsOn" {
				c.vals[j] = f.name(body.vals[j])
			} else {
				c.vals[j] = f.node(body.vals[j])
			}
		}
		out.keys = append(out.keys, mapKey{name: f.text(k.name), loc: k.loc})
		out.vals = append(out.vals, &c)
	}
	return out
}

// name copies a node that names a resource or a condition: in the
// representative copy the identifier becomes "*", which names the
// representative resource or condition.
func (f forEachSubst) name(n *node) *node {
	c := *n
	switch n.kind {
	case nString:
		c.str = f.text(n.str)
	case nList:
		c.list = make([]*node, len(n.list))
		for i, e := range n.list {
			c.list[i] = f.name(e)
		}
	default:
		return f.node(n)
	}
	return &c
}

// namingCall copies, in the representative copy, a function whose
// argument names a resource or a condition (Ref, Condition, Fn::GetAtt,
// the condition of Fn::If), so that the name refers to the representative.
func (f forEachSubst) namingCall(n *node, fn string, arg *node) (*node, bool) {
	var named *node
	switch {
	case (fn == "Ref" || fn == "Condition") && arg.kind == nString && arg.str != f.ident:
		named = f.name(arg)
	case fn == "Fn::GetAtt" && arg.kind == nString:
		named = f.name(arg)
	case (fn == "Fn::GetAtt" || fn == "Fn::If") && arg.kind == nList && len(arg.list) > 0:
		c := *arg
		c.list = make([]*node, len(arg.list))
		for i, e := range arg.list {
			if i == 0 {
				c.list[i] = f.name(e)
			} else {
				c.list[i] = f.node(e)
			}
		}
		named = &c
	default:
		return nil, false
	}
	return &node{kind: nMap, keys: n.keys, vals: []*node{named}, loc: n.loc, via: n.via}, true
}

// unknownString rewrites a string of the representative copy so that the
// evaluator resolves the identifier: ${Id} and &{Id} become ${unknownName},
// and a plain string that uses it becomes an Fn::Sub with its other "${"
// escaped.
func (f forEachSubst) unknownString(n *node, inSub bool) *node {
	c := *n
	if !strings.Contains(n.str, "{"+f.ident+"}") {
		return &c
	}
	s := n.str
	forms := []string{"${" + f.ident + "}", "&{" + f.ident + "}"}
	if !inSub {
		s = strings.ReplaceAll(s, "${", "${!")
		forms[0] = "${!" + f.ident + "}"
	}
	for _, form := range forms {
		s = strings.ReplaceAll(s, form, "${"+f.unknownName+"}")
	}
	c.str = s
	if inSub {
		return &c
	}
	return &node{kind: nMap, keys: []mapKey{{name: "Fn::Sub", loc: n.loc}}, vals: []*node{&c}, loc: n.loc, via: n.via}
}
