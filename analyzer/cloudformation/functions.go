package cloudformation

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// fnSub resolves Fn::Sub "text" and Fn::Sub [text, {Var: value}].
func (st *stack) fnSub(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	tmpl := arg
	if arg.kind == nList {
		items, ok := st.argList("Fn::Sub", arg, 1, 2)
		if !ok {
			return graph.Unknown("invalid Fn::Sub", loc)
		}
		tmpl = items[0]
		if len(items) == 2 {
			vars := items[1]
			if vars.kind != nMap {
				st.p.errorf(vars.loc, "Fn::Sub variables must be a map, got %s", vars.kindName())
				return graph.Unknown("invalid Fn::Sub", loc)
			}
			locals := make(map[string]*graph.Value, len(vars.keys)+len(c.locals))
			for k, v := range c.locals {
				locals[k] = v
			}
			inner := c
			inner.locals = nil
			for i, k := range vars.keys {
				v, ok := st.eval(vars.vals[i], inner)
				if !ok {
					st.p.errorf(vars.vals[i].loc, "Fn::Sub variable %s cannot be AWS::NoValue", k.name)
					continue
				}
				locals[k.name] = v
			}
			c.locals = locals
		}
	}
	if tmpl.kind != nString {
		st.p.errorf(tmpl.loc, "Fn::Sub needs a string, got %s", tmpl.kindName())
		return graph.Unknown("invalid Fn::Sub", loc)
	}
	parts, err := splitSub(tmpl.str)
	if err != "" {
		st.p.errorf(tmpl.loc, "Fn::Sub: %s", err)
		return graph.Unknown("invalid Fn::Sub", loc)
	}
	var b strings.Builder
	var vals []*graph.Value
	var firstUnknown *graph.Value
	for _, part := range parts {
		if !part.ref {
			b.WriteString(part.text)
			continue
		}
		var v *graph.Value
		if id, attr, dotted := strings.Cut(part.text, "."); dotted && c.locals[part.text] == nil {
			if rep, ok := st.representativeFor(id); st.res[id] == nil && ok {
				id = rep
			}
			if gen, ok := st.samRefs[part.text]; ok && st.res[gen] != nil {
				// ${MyFunction.Alias}: SAM resolves it like !Ref.
				v = st.resourceRef(gen, "", loc, c)
			} else if _, ok := st.res[id]; ok {
				v = st.resourceRef(id, attr, loc, c)
			} else {
				st.p.errorf(tmpl.loc, "Fn::Sub: ${%s} names no resource %q", part.text, id)
				v = graph.Unknown("Fn::Sub reference to undefined resource "+id, loc)
			}
		} else {
			v = st.lookup(part.text, loc, c, "Fn::Sub")
		}
		vals = append(vals, v)
		if v.IsUnknown() {
			if firstUnknown == nil {
				firstUnknown = v
			}
			continue
		}
		s, ok := v.AsString()
		if !ok {
			st.p.errorf(tmpl.loc, "Fn::Sub: ${%s} is %s, not a string", part.text, v.Kind)
			return graph.Unknown("invalid Fn::Sub", loc)
		}
		b.WriteString(s)
	}
	if firstUnknown != nil {
		if len(parts) == 1 && parts[0].ref && firstUnknown.Ref != nil {
			// "${WebSG}" is exactly the reference.
			return firstUnknown
		}
		if isDynamicRef(tmpl.str) {
			// '{{resolve:secretsmanager:${DbSecret}:SecretString:password}}'
			// is a dynamic reference whatever the secret it names.
			return fromParts(dynamicRef(tmpl.str, loc), vals...)
		}
		u := fromParts(graph.Unknown("Fn::Sub with an unknown part: "+firstUnknown.Reason, loc), vals...)
		u.Decoded = subJSON(tmpl, parts, vals)
		return u
	}
	out := b.String()
	if isDynamicRef(out) {
		return fromParts(dynamicRef(out, loc), vals...)
	}
	return fromParts(graph.String(out, loc), vals...)
}

// subPart is a literal run or a ${name} reference of an Fn::Sub string.
type subPart struct {
	text string
	ref  bool
}

// splitSub splits an Fn::Sub template; ${!Literal} is the text ${Literal}.
func splitSub(s string) ([]subPart, string) {
	var parts []subPart
	var lit strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			lit.WriteString(s)
			break
		}
		lit.WriteString(s[:i])
		rest := s[i+2:]
		if strings.HasPrefix(rest, "!") {
			lit.WriteString("${")
			s = rest[1:]
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return nil, "unterminated ${ in " + strconv.Quote(s)
		}
		name := strings.TrimSpace(rest[:end])
		if name == "" {
			return nil, "empty ${} in " + strconv.Quote(s)
		}
		if lit.Len() > 0 {
			parts = append(parts, subPart{text: lit.String()})
			lit.Reset()
		}
		parts = append(parts, subPart{text: name, ref: true})
		s = rest[end+1:]
	}
	if lit.Len() > 0 || len(parts) == 0 {
		parts = append(parts, subPart{text: lit.String()})
	}
	return parts, ""
}

// listArg evaluates an argument that must be a list (a literal list or a
// function that yields one).
func (st *stack) listArg(n *node, what string, c evalCtx) (*graph.Value, bool) {
	v, ok := st.eval(n, c)
	if !ok {
		st.p.errorf(n.loc, "%s: AWS::NoValue is not allowed here", what)
		return graph.Unknown(what+" is missing", n.loc), false
	}
	if v.IsUnknown() {
		return v, false
	}
	if v.Kind != graph.KindList {
		st.p.errorf(n.loc, "%s must be a list, got %s", what, v.Kind)
		return graph.Unknown(what+" is not a list", n.loc), false
	}
	return v, true
}

// fnJoin resolves Fn::Join [delimiter, [values]].
func (st *stack) fnJoin(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	items, ok := st.argList("Fn::Join", arg, 2, 2)
	if !ok {
		return graph.Unknown("invalid Fn::Join", loc)
	}
	dv, delim, ok := st.argString(items[0], "Fn::Join delimiter", c)
	if !ok {
		return unknownFrom("Fn::Join", dv, loc)
	}
	list, ok := st.listArg(items[1], "Fn::Join values", c)
	if !ok {
		return unknownFrom("Fn::Join", list, loc)
	}
	strs := make([]string, 0, len(list.List))
	for _, e := range list.List {
		if e.IsUnknown() {
			return fromParts(graph.Unknown("Fn::Join with an unknown part: "+e.Reason, loc), list.List...)
		}
		s, ok := e.AsString()
		if !ok {
			st.p.errorf(e.Loc, "Fn::Join: values must be strings, got %s", e.Kind)
			return graph.Unknown("invalid Fn::Join", loc)
		}
		strs = append(strs, s)
	}
	out := strings.Join(strs, delim)
	if isDynamicRef(out) {
		return dynamicRef(out, loc)
	}
	return fromParts(graph.String(out, loc), list.List...)
}

// fnSelect resolves Fn::Select [index, list].
func (st *stack) fnSelect(arg *node, loc graph.Location, c evalCtx) (*graph.Value, bool) {
	items, ok := st.argList("Fn::Select", arg, 2, 2)
	if !ok {
		return graph.Unknown("invalid Fn::Select", loc), true
	}
	iv, ok := st.eval(items[0], c)
	if !ok || iv.IsUnknown() {
		if iv == nil {
			iv = graph.Unknown("index is AWS::NoValue", loc)
		}
		return unknownFrom("Fn::Select", iv, loc), true
	}
	idx, isNum := iv.AsNumber()
	if !isNum || idx < 0 || idx != float64(int(idx)) {
		st.p.errorf(items[0].loc, "Fn::Select index must be a whole number ≥ 0, got %s", iv.GoString())
		return graph.Unknown("invalid Fn::Select", loc), true
	}
	list, ok := st.listArg(items[1], "Fn::Select list", c)
	if !ok {
		return unknownFrom("Fn::Select", list, loc), true
	}
	if int(idx) >= len(list.List) {
		st.p.errorf(items[0].loc, "Fn::Select index %d is out of range: the list has %d elements", int(idx), len(list.List))
		return graph.Unknown("Fn::Select index out of range", loc), true
	}
	return list.List[int(idx)], true
}

// fnSplit resolves Fn::Split [delimiter, string].
func (st *stack) fnSplit(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	items, ok := st.argList("Fn::Split", arg, 2, 2)
	if !ok {
		return graph.Unknown("invalid Fn::Split", loc)
	}
	dv, delim, ok := st.argString(items[0], "Fn::Split delimiter", c)
	if !ok {
		return unknownFrom("Fn::Split", dv, loc)
	}
	sv, s, ok := st.argString(items[1], "Fn::Split source", c)
	if !ok {
		return unknownFrom("Fn::Split", sv, loc)
	}
	if delim == "" {
		st.p.errorf(items[0].loc, "Fn::Split delimiter must not be empty")
		return graph.Unknown("invalid Fn::Split", loc)
	}
	parts := strings.Split(s, delim)
	out := make([]*graph.Value, len(parts))
	for i, p := range parts {
		out[i] = fromParts(graph.String(p, loc), sv)
	}
	return fromParts(graph.List(out, loc), sv)
}

// fnIf resolves Fn::If [condition, whenTrue, whenFalse]. When the condition
// is unknown both branches are possible: the result is known only when both
// are the same.
func (st *stack) fnIf(arg *node, loc graph.Location, c evalCtx) (*graph.Value, bool) {
	items, ok := st.argList("Fn::If", arg, 3, 3)
	if !ok {
		return graph.Unknown("invalid Fn::If", loc), true
	}
	name, ok := items[0].scalarString()
	if !ok {
		st.p.errorf(items[0].loc, "Fn::If needs a condition name, got %s", items[0].kindName())
		return graph.Unknown("invalid Fn::If", loc), true
	}
	r := st.condition(name, items[0].loc)
	switch r.state {
	case condTrue, condFalse:
		branch := items[2]
		if r.state == condTrue {
			branch = items[1]
		}
		v, ok := st.eval(branch, c)
		if !ok || v == nil {
			return v, ok
		}
		return withHop(v, graph.Hop{Location: items[0].loc, Note: st.branchNote(name, r.state == condTrue)}), true
	}
	a, aok := st.eval(items[1], c)
	b, bok := st.eval(items[2], c)
	if !aok && !bok {
		return nil, false
	}
	reason := "depends on condition " + name + ", which is unknown: " + r.reason
	if !aok || !bok {
		u := graph.Unknown(reason+" (absent on one branch)", loc)
		u.Sensitive = aok && a.Sensitive || bok && b.Sensitive
		return u, true
	}
	return mergeBranches(a, b, reason, loc), true
}

// mergeBranches combines the two possible values of an Fn::If whose
// condition is unknown: what is the same on both branches stays known, the
// rest becomes Unknown. Maps are merged key by key and lists of the same
// length element by element, so one differing property does not hide its
// siblings.
func mergeBranches(a, b *graph.Value, reason string, loc graph.Location) *graph.Value {
	if sameValue(a, b) {
		return a
	}
	switch {
	case a.Kind == graph.KindMap && b.Kind == graph.KindMap:
		out := graph.Map(a.Loc)
		for _, k := range a.Keys {
			bv, ok := b.Fields[k]
			if !ok {
				out.Set(k, unknownBranch(a.Fields[k], reason+" (absent on one branch)", a.Fields[k].Loc))
				continue
			}
			out.Set(k, mergeBranches(a.Fields[k], bv, reason, a.Fields[k].Loc))
		}
		for _, k := range b.Keys {
			if _, ok := a.Fields[k]; !ok {
				out.Set(k, unknownBranch(b.Fields[k], reason+" (absent on one branch)", b.Fields[k].Loc))
			}
		}
		return out
	case a.Kind == graph.KindList && b.Kind == graph.KindList && len(a.List) == len(b.List):
		items := make([]*graph.Value, len(a.List))
		for i := range a.List {
			items[i] = mergeBranches(a.List[i], b.List[i], reason, a.List[i].Loc)
		}
		return graph.List(items, a.Loc)
	}
	u := unknownBranch(a, reason, loc)
	u.Sensitive = u.Sensitive || b.Sensitive
	return u
}

// unknownBranch is the Unknown standing for a value that exists on only
// some branches.
func unknownBranch(v *graph.Value, reason string, loc graph.Location) *graph.Value {
	u := graph.Unknown(reason, loc)
	u.Sensitive = v.Sensitive
	return u
}

// sameValue is deep equality for merging branches: same kinds and scalars,
// and Unknowns only when they stand for the same resource attribute.
func sameValue(a, b *graph.Value) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case graph.KindNull:
		return true
	case graph.KindBool:
		return a.Bool == b.Bool
	case graph.KindNumber:
		return a.Number == b.Number
	case graph.KindString:
		return a.Str == b.Str
	case graph.KindUnknown:
		return a.Ref != nil && b.Ref != nil && *a.Ref == *b.Ref
	case graph.KindList:
		if len(a.List) != len(b.List) {
			return false
		}
		for i := range a.List {
			if !sameValue(a.List[i], b.List[i]) {
				return false
			}
		}
		return true
	}
	if len(a.Fields) != len(b.Fields) {
		return false
	}
	for k, av := range a.Fields {
		bv, ok := b.Fields[k]
		if !ok || !sameValue(av, bv) {
			return false
		}
	}
	return true
}

// fnFindInMap resolves Fn::FindInMap [Map, TopKey, SecondKey] and the
// AWS::LanguageExtensions form with a fourth {DefaultValue: v} argument.
func (st *stack) fnFindInMap(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	items, ok := st.argList("Fn::FindInMap", arg, 3, 4)
	if !ok {
		return graph.Unknown("invalid Fn::FindInMap", loc)
	}
	var def *node
	if len(items) == 4 {
		def = items[3].get("DefaultValue")
		if def == nil {
			st.p.errorf(items[3].loc, "Fn::FindInMap: the fourth argument must be {DefaultValue: value}")
		}
	}
	keys := make([]string, 3)
	for i := 0; i < 3; i++ {
		v, s, ok := st.argString(items[i], "Fn::FindInMap key", c)
		if !ok {
			return unknownFrom("Fn::FindInMap", v, loc)
		}
		keys[i] = s
	}
	m := st.mappings.get(keys[0])
	if m == nil && st.mappings != nil && def == nil {
		st.p.errorf(items[0].loc, "Fn::FindInMap: no mapping %q in Mappings", keys[0])
		return graph.Unknown("undefined mapping "+keys[0], loc)
	}
	if st.mappings == nil && def == nil {
		st.p.errorf(items[0].loc, "Fn::FindInMap: the template has no Mappings")
		return graph.Unknown("undefined mapping "+keys[0], loc)
	}
	top := m.get(keys[1])
	val := top.get(keys[2])
	if val == nil {
		if def != nil {
			v, ok := st.eval(def, c)
			if !ok {
				return graph.Unknown("Fn::FindInMap default is AWS::NoValue", loc)
			}
			return v
		}
		missing := keys[1]
		at := items[1].loc
		if top != nil {
			missing, at = keys[1]+"/"+keys[2], items[2].loc
		}
		st.p.errorf(at, "Fn::FindInMap: mapping %s has no key %s", keys[0], missing)
		return graph.Unknown("Fn::FindInMap key not found", loc)
	}
	return val.literal().Derive(loc, "Mappings "+keys[0]+"/"+keys[1]+"/"+keys[2])
}

// fnBase64 resolves Fn::Base64.
func (st *stack) fnBase64(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	v, s, ok := st.argString(arg, "Fn::Base64 input", c)
	if !ok {
		return unknownFrom("Fn::Base64", v, loc)
	}
	return fromParts(graph.String(base64.StdEncoding.EncodeToString([]byte(s)), loc), v)
}

// fnLength resolves Fn::Length (AWS::LanguageExtensions).
func (st *stack) fnLength(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	list, ok := st.listArg(arg, "Fn::Length input", c)
	if !ok {
		return unknownFrom("Fn::Length", list, loc)
	}
	return graph.Number(float64(len(list.List)), loc)
}

// fnToJSONString resolves Fn::ToJsonString (AWS::LanguageExtensions).
func (st *stack) fnToJSONString(arg *node, loc graph.Location, c evalCtx) *graph.Value {
	v, ok := st.eval(arg, c)
	if !ok {
		st.p.errorf(arg.loc, "Fn::ToJsonString: AWS::NoValue is not allowed here")
		return graph.Unknown("invalid Fn::ToJsonString", loc)
	}
	if !v.IsWhollyKnown() {
		return unknownFrom("Fn::ToJsonString", v, loc)
	}
	var b strings.Builder
	writeJSON(&b, v)
	return fromParts(graph.String(b.String(), loc), v)
}

// writeJSON writes v as compact JSON with map keys in source order.
func writeJSON(b *strings.Builder, v *graph.Value) {
	switch v.Kind {
	case graph.KindMap:
		b.WriteByte('{')
		for i, k := range v.Keys {
			if i > 0 {
				b.WriteByte(',')
			}
			kb, _ := json.Marshal(k)
			b.Write(kb)
			b.WriteByte(':')
			writeJSON(b, v.Fields[k])
		}
		b.WriteByte('}')
	case graph.KindList:
		b.WriteByte('[')
		for i, e := range v.List {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	default:
		out, _ := json.Marshal(v.Interface())
		b.Write(out)
	}
}
