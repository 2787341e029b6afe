package cloudformation

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rampart-iac/rampart/analyzer/graph"
	"github.com/rampart-iac/rampart/internal/safefs"
)

// pseudoParams are CloudFormation's pseudo parameters. They are Unknown
// unless given with --cfn-param (AWS::NoValue is handled by the evaluator).
var pseudoParams = map[string]bool{
	"AWS::AccountId": true, "AWS::NotificationARNs": true, "AWS::Partition": true,
	"AWS::Region": true, "AWS::StackId": true, "AWS::StackName": true, "AWS::URLSuffix": true,
}

// paramValue is a value given to a parameter from outside the template: a
// command-line override, a parameter file entry or a parent stack's
// Parameters property. value is located where it was written (no location
// for the command line); note describes that place.
type paramValue struct {
	value *graph.Value
	note  string
}

// param is one declared parameter with its resolved value.
type param struct {
	name    string
	keyLoc  graph.Location
	typ     string
	noEcho  bool
	allowed []*node
	// value is located where it was written; nil when the parameter has no
	// value. note names that place for the trace.
	value *graph.Value
	note  string
	// ssm marks an AWS::SSM::Parameter::Value<...> parameter: its value is
	// the name of a Systems Manager parameter, read at deployment.
	ssm bool
	// def is the Default as written (nil without one), a string the
	// template holds even when a parameter file overrides it.
	def *graph.Value
}

// topOverrides gathers parameter values for the top-level template:
// parameter files in order, then --cfn-param on top.
func (p *parser) topOverrides(path string) map[string]paramValue {
	out := map[string]paramValue{}
	for _, f := range p.opts.ParamFiles {
		p.readParamFile(f, out)
	}
	keys := make([]string, 0, len(p.opts.Params))
	for k := range p.opts.Params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = paramValue{value: graph.String(p.opts.Params[k], graph.Location{}), note: "--cfn-param " + k}
	}
	return out
}

// readParamFile reads one parameter file into out.
func (p *parser) readParamFile(f string, out map[string]paramValue) {
	p.addFile(f)
	// A parameter file is the user's (--cfn-param-file, or a configuration
	// file's cfn_param_files, confined when that file is read): it may lie
	// anywhere, but it is read only as a bounded regular file.
	src, err := safefs.ReadFile(f, "", MaxFileSize)
	if err != nil {
		p.diags.Errorf(graph.Location{File: f}, "cannot read parameter file: %v", err)
		return
	}
	root := parseSource(f, src, p.diags)
	if root == nil {
		return
	}
	note := "parameter file " + f
	add := func(key string, v *node) {
		if v == nil {
			return
		}
		var val *graph.Value
		if v.kind == nList {
			// A list written as a JSON array is the comma-separated text.
			parts := make([]string, 0, len(v.list))
			for _, e := range v.list {
				s, _ := e.scalarString()
				parts = append(parts, s)
			}
			val = graph.String(strings.Join(parts, ","), v.loc)
		} else if s, ok := v.scalarString(); ok {
			val = graph.String(s, v.loc)
		} else {
			p.diags.Errorf(v.loc, "parameter %s: value must be text, got %s", key, v.kindName())
			return
		}
		out[key] = paramValue{value: val, note: note}
	}
	switch {
	case root.kind == nList:
		for _, e := range root.list {
			k, ok := e.get("ParameterKey").scalarString()
			if !ok {
				p.diags.Errorf(e.loc, "parameter file entry has no ParameterKey")
				continue
			}
			if b, _ := e.get("UsePreviousValue").scalarString(); b == "true" {
				continue
			}
			add(k, e.get("ParameterValue"))
		}
	case root.kind == nMap && root.get("Parameters") != nil:
		ps := root.get("Parameters")
		if ps.kind != nMap {
			p.diags.Errorf(ps.loc, "Parameters must be a map of names to values, got %s", ps.kindName())
			return
		}
		for i, k := range ps.keys {
			add(k.name, ps.vals[i])
		}
	default:
		p.diags.Errorf(root.loc, `parameter file must be [{"ParameterKey": .., "ParameterValue": ..}] or {"Parameters": {..}}`)
	}
}

// readParameters declares the template's parameters and resolves their
// values: override (command line, file or parent stack) > Default.
func (st *stack) readParameters(overrides map[string]paramValue) {
	ps := st.root.get("Parameters")
	if ps != nil && ps.kind != nMap {
		st.p.errorf(ps.loc, "Parameters must be a map, got %s", ps.kindName())
		ps = nil
	}
	if ps != nil {
		for i, k := range ps.keys {
			st.declare(k, ps.vals[i], overrides)
		}
	}
	// Pseudo parameters may be given on the command line (top level only).
	if st.prefix == "" {
		for name := range pseudoParams {
			if ov, ok := overrides[name]; ok {
				st.params[name] = &param{name: name, value: ov.value, note: ov.note}
			}
		}
	}
}

func (st *stack) declare(k mapKey, decl *node, overrides map[string]paramValue) {
	pm := &param{name: k.name, keyLoc: k.loc}
	st.params[k.name] = pm
	if decl.kind != nMap {
		st.p.errorf(decl.loc, "parameter %s must be a map, got %s", k.name, decl.kindName())
		return
	}
	pm.typ, _ = decl.get("Type").scalarString()
	pm.ssm = strings.HasPrefix(pm.typ, "AWS::SSM::Parameter::Value<")
	if pm.typ == "" {
		st.p.errorf(k.loc, "parameter %s has no Type", k.name)
	}
	if b, ok := decl.get("NoEcho").scalarString(); ok && strings.EqualFold(b, "true") {
		pm.noEcho = true
	}
	if av := decl.get("AllowedValues"); av != nil {
		if av.kind == nList {
			pm.allowed = av.list
		} else {
			st.p.errorf(av.loc, "parameter %s: AllowedValues must be a list", k.name)
		}
	}
	kind := "parameter "
	if pm.noEcho {
		kind = "NoEcho parameter "
	}
	pm.def = decl.get("Default").literal()
	if ov, ok := overrides[k.name]; ok {
		pm.value, pm.note = ov.value, ov.note+" ("+kind+k.name+")"
		if st.prefix != "" && !pm.noEcho {
			pm.note = ov.note // "parameter X of nested stack S" names it already
		}
		if !st.allowedValue(pm, pm.value) {
			st.p.errorf(overrideLoc(ov.value, k.loc), "value %s for parameter %s is not one of its AllowedValues", pm.value.GoString(), k.name)
		}
	} else if d := decl.get("Default"); d != nil {
		pm.value, pm.note = d.literal(), "default of "+kind+k.name
		if !st.allowedValue(pm, pm.value) {
			st.p.errorf(d.loc, "default %s of parameter %s is not one of its AllowedValues", pm.value.GoString(), k.name)
		}
	}
	if pm.value == nil {
		return
	}
	if pm.value.Kind == graph.KindNumber || pm.value.Kind == graph.KindBool {
		// "When you use the parameter elsewhere in your template (for
		// example, by using Ref), the parameter value becomes a string."
		text, _ := pm.value.AsString()
		str := graph.String(text, pm.value.Loc)
		str.Trace = pm.value.Trace
		pm.value = str
	}
	if msg := checkConstraints(decl, pm.value); msg != "" {
		st.p.errorf(overrideLoc(pm.value, k.loc), "value %s for parameter %s %s", pm.value.GoString(), k.name, msg)
	}
	if isListParam(pm.typ) && !pm.ssm && pm.value.Kind != graph.KindList && pm.value.Kind != graph.KindUnknown {
		pm.value = splitParam(pm.value)
	}
	if pm.noEcho {
		pm.value = markSensitive(pm.value)
	}
}

// overrideLoc places a diagnostic about an override: where it was written,
// or at the parameter when it came from the command line.
func overrideLoc(v *graph.Value, fallback graph.Location) graph.Location {
	if v.Loc.Known() {
		return v.Loc
	}
	return fallback
}

func (st *stack) allowedValue(pm *param, v *graph.Value) bool {
	if pm.allowed == nil || !v.IsWhollyKnown() {
		return true
	}
	s, ok := v.AsString()
	if !ok {
		return true
	}
	values := []string{s}
	if isListParam(pm.typ) {
		values = strings.Split(s, ",")
	}
	for _, one := range values {
		found := false
		for _, a := range pm.allowed {
			if as, ok := a.scalarString(); ok && as == strings.TrimSpace(one) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// isListParam reports whether a parameter type holds a comma-separated list.
func isListParam(typ string) bool {
	return typ == "CommaDelimitedList" || strings.HasPrefix(typ, "List<") ||
		strings.HasPrefix(typ, "AWS::SSM::Parameter::Value<List<") ||
		typ == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
}

// splitParam turns "a, b" into ["a", "b"]; CloudFormation trims each member.
func splitParam(v *graph.Value) *graph.Value {
	s, _ := v.AsString()
	parts := strings.Split(s, ",")
	items := make([]*graph.Value, len(parts))
	for i, part := range parts {
		items[i] = graph.String(strings.TrimSpace(part), v.Loc)
	}
	out := graph.List(items, v.Loc)
	out.Trace = v.Trace
	return out
}

// markSensitive returns a copy of v with every node marked Sensitive.
func markSensitive(v *graph.Value) *graph.Value {
	c := v.Copy()
	c.Walk(func(_ graph.Path, n *graph.Value) bool {
		n.Sensitive = true
		return true
	})
	return c
}

// paramRef is the value of Ref to a parameter, located at the use site with
// a hop to where the value was written.
func (st *stack) paramRef(pm *param, loc graph.Location) *graph.Value {
	if pm.value == nil {
		if strings.HasPrefix(pm.name, "AWS::") {
			return graph.Unknown("pseudo parameter "+pm.name+" is known only at deployment", loc)
		}
		kind := "parameter "
		if pm.noEcho {
			kind = "NoEcho parameter "
		}
		u := graph.Unknown(kind+pm.name+" has no value (no Default, no --cfn-param)", loc)
		u.Trace = graph.Trace{{Location: pm.keyLoc, Note: kind + pm.name + " (no value)"}}
		u.Sensitive = pm.noEcho
		if pm.name != "" && isListParam(pm.typ) {
			u.Reason = kind + pm.name + " (a list) has no value"
		}
		return u
	}
	if pm.ssm {
		// The written value names an SSM parameter; what Ref yields is that
		// parameter's value, known only at deployment.
		name, _ := pm.value.AsString()
		u := graph.Unknown("parameter "+pm.name+" is the value of SSM parameter "+quoted(name)+", read at deployment", loc)
		u.Trace = graph.Trace{{Location: pm.value.Loc, Note: pm.note}}
		u.Sensitive = pm.noEcho
		return u
	}
	v := pm.value.Derive(loc, pm.note)
	if !pm.value.Loc.Known() {
		// A command-line value was written nowhere: the hop has only a note.
		v.Walk(func(_ graph.Path, n *graph.Value) bool {
			n.Trace = append(n.Trace, graph.Hop{Note: pm.note})
			return true
		})
	}
	return v
}

// checkConstraints checks a known scalar value against a parameter's
// MinLength, MaxLength, MinValue, MaxValue and AllowedPattern, as
// CloudFormation does before it creates anything. It returns "" or what is
// wrong.
func checkConstraints(decl *node, v *graph.Value) string {
	s, ok := v.AsString()
	if !ok || v.IsUnknown() {
		return ""
	}
	bound := func(key string) (float64, bool) {
		b, ok := decl.get(key).scalarString()
		if !ok {
			return 0, false
		}
		f, err := strconv.ParseFloat(b, 64)
		return f, err == nil
	}
	n := float64(utf8.RuneCountInString(s))
	if minLen, ok := bound("MinLength"); ok && n < minLen {
		return "is shorter than its MinLength " + graph.FormatNumber(minLen)
	}
	if maxLen, ok := bound("MaxLength"); ok && n > maxLen {
		return "is longer than its MaxLength " + graph.FormatNumber(maxLen)
	}
	num, isNum := v.AsNumber()
	if minV, ok := bound("MinValue"); ok && isNum && num < minV {
		return "is below its MinValue " + graph.FormatNumber(minV)
	}
	if maxV, ok := bound("MaxValue"); ok && isNum && num > maxV {
		return "is above its MaxValue " + graph.FormatNumber(maxV)
	}
	if pat, ok := decl.get("AllowedPattern").scalarString(); ok {
		if re := allowedPattern(pat); re != nil && !re.MatchString(s) {
			return "does not match its AllowedPattern " + strconv.Quote(pat)
		}
	}
	return ""
}

// javaOnly are pattern constructs whose meaning differs between
// CloudFormation's Java regular expressions and Go's RE2, or that RE2 would
// read literally: POSIX classes (Java reads "[[:alpha:]]" as a union),
// Unicode properties, quoting, flags and lookaround, possessive quantifiers,
// class intersection.
var javaOnly = []string{"[:", `\p`, `\P`, `\Q`, "(?", "++", "*+", "?+", "}+", "&&"}

// allowedPattern compiles an AllowedPattern for a whole-value match, as
// CloudFormation applies it, or returns nil when the pattern uses a construct
// whose meaning Go's regular expressions do not share: such a pattern is not
// checked, because a false error would be worse than none.
func allowedPattern(pat string) *regexp.Regexp {
	for _, c := range javaOnly {
		if strings.Contains(pat, c) {
			return nil
		}
	}
	// Java allows nested classes ("[a[bc]]"); RE2 reads the inner "[" as a
	// literal, so a pattern with one is not checked either.
	inClass := false
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '\\':
			i++
		case c == '[' && inClass:
			return nil
		case c == '[':
			inClass = true
			if i+1 < len(pat) && pat[i+1] == ']' {
				i++ // "[]...]": a leading "]" is a member
			}
		case c == ']':
			inClass = false
		}
	}
	re, err := regexp.Compile(`^(?:` + pat + `)$`)
	if err != nil {
		return nil
	}
	return re
}
