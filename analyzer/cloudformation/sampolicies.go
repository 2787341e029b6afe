package cloudformation

import (
	"sort"
	"strings"

	"github.com/rampart-iac/rampart/analyzer/cloudformation/samtemplates"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// The Policies of a SAM function or state machine become its generated
// role's managed policy ARNs and inline policies, as samtranslator 1.110
// sorts them (samtranslator/model/resource_policies.py, role_constructor.py
// and the policy templates plugin): a string is a managed policy name or
// ARN, an intrinsic function a managed policy ARN, a map with Statement a
// policy document, a one-key map named after a policy template the document
// that template grants with the given parameter values, and an Fn::If takes
// the kind of its branches. Inline policies are named <Role>Policy<index>,
// index counting every entry of Policies.

// samPolicyKind is what a Policies entry is to the transform.
type samPolicyKind uint8

const (
	samPolicyInvalid samPolicyKind = iota
	samPolicyManaged
	samPolicyDocument
	samPolicyTemplate
)

// rolePolicies sorts the Policies of SAM resource e into managed policy ARNs
// and inline policies of the role roleID, and names the template each
// inline policy expanded from a template came from (nil when none did); an
// entry the transform rejects is an error and contributes nothing.
func (x *samExpansion) rolePolicies(e *resEntry, roleID string, pols *node) (managed, inline []*node, templates *graph.Value) {
	var items []*node
	switch {
	case pols == nil:
	case pols.kind == nList:
		items = pols.list
	default:
		items = []*node{pols}
	}
	for i, pol := range items {
		kind, ok := x.policyKind(e, i, pol)
		if !ok {
			continue
		}
		switch kind {
		case samPolicyManaged:
			managed = append(managed, mapBranches(pol, managedPolicyARN))
		case samPolicyDocument, samPolicyTemplate:
			name := roleID + "Policy" + itoa(i)
			var from []string
			doc := mapBranches(pol, func(d *node) *node {
				if kind == samPolicyTemplate {
					from = append(from, d.keys[0].name)
					d = x.expandPolicyTemplate(e, d)
				}
				if d == nil {
					return nil
				}
				b := samBuilder{loc: d.loc, keyLoc: d.loc}
				return b.m("PolicyName", b.str(name), "PolicyDocument", d)
			})
			if doc == nil {
				continue
			}
			inline = append(inline, doc)
			if len(from) > 0 {
				if templates == nil {
					templates = graph.Map(pols.loc)
				}
				templates.Set(name, graph.String(strings.Join(from, " or "), pol.loc))
			}
		default:
			x.policyError(e, i, pol)
		}
	}
	return managed, inline, templates
}

// policyKind classifies Policies entry i of e. ok is false when the entry
// is an Fn::If the transform rejects (reported here).
func (x *samExpansion) policyKind(e *resEntry, i int, pol *node) (samPolicyKind, bool) {
	then, els, isIf := ifBranches(pol)
	if !isIf {
		return classifyPolicy(pol), true
	}
	a, b := classifyPolicy(then), classifyPolicy(els)
	switch {
	case a == b:
		return a, true
	case isNoValue(then):
		return b, true
	case isNoValue(els):
		return a, true
	}
	x.st.p.errorf(pol.loc, "SAM: %s Policies entry %d: different policy types within the same Fn::If are not supported; separate them into different Fn::If entries", e.id, i)
	return samPolicyInvalid, false
}

// classifyPolicy is samtranslator's ResourcePolicies._get_type for an entry
// that is not an Fn::If.
func classifyPolicy(pol *node) samPolicyKind {
	switch {
	case pol.kind == nString:
		return samPolicyManaged
	case isCall(pol):
		return samPolicyManaged
	case pol.kind == nMap && pol.get("Statement") != nil:
		return samPolicyDocument
	case pol.kind == nMap && len(pol.keys) == 1:
		if _, ok := samtemplates.Lookup(pol.keys[0].name); ok {
			return samPolicyTemplate
		}
	}
	return samPolicyInvalid
}

// policyError reports an entry that is neither a managed policy, a document
// nor a known policy template, with SAM's message and, for a one-key map, a
// template name it may have meant.
func (x *samExpansion) policyError(e *resEntry, i int, pol *node) {
	if pol.kind == nMap && len(pol.keys) == 1 {
		k := pol.keys[0]
		hint := ""
		if s := suggest(k.name, samtemplates.Names()); s != "" {
			hint = "; did you mean " + s + "?"
		}
		x.st.p.errorf(k.loc, "SAM: %s Policies entry %d is not valid: %s is not a policy template of %s%s",
			e.id, i, k.name, samtemplates.Source, hint)
		return
	}
	x.st.p.errorf(pol.loc, "SAM: %s Policies entry %d is not valid: it must be a policy name, ARN, policy document or policy template", e.id, i)
}

// ifBranches returns the two values of an Fn::If entry.
func ifBranches(n *node) (then, els *node, ok bool) {
	fn, arg, call := n.single()
	if !call || fn != "Fn::If" || arg.kind != nList || len(arg.list) != 3 {
		return nil, nil, false
	}
	return arg.list[1], arg.list[2], true
}

// isNoValue reports whether n is {"Ref": "AWS::NoValue"}.
func isNoValue(n *node) bool {
	fn, arg, ok := n.single()
	return ok && fn == "Ref" && arg.kind == nString && arg.str == "AWS::NoValue"
}

// mapBranches applies f to n, or to both branches of an Fn::If (leaving an
// AWS::NoValue branch as it is). It returns nil when f returns nil for n or
// for a branch.
func mapBranches(n *node, f func(*node) *node) *node {
	then, els, ok := ifBranches(n)
	if !ok {
		return f(n)
	}
	apply := func(v *node) *node {
		if isNoValue(v) {
			return v
		}
		return f(v)
	}
	t, e := apply(then), apply(els)
	if t == nil || e == nil {
		return nil
	}
	_, arg, _ := n.single()
	out := *arg
	out.n = 0
	out.list = []*node{arg.list[0], t, e}
	return &node{kind: nMap, loc: n.loc, via: n.via, keys: n.keys, vals: []*node{&out}}
}

// managedPolicyARN turns a managed policy name into the ARN of the AWS
// managed policy of that name; ARNs and intrinsic functions stay as written.
func managedPolicyARN(pol *node) *node {
	if pol.kind != nString || strings.HasPrefix(pol.str, "arn:") {
		return pol
	}
	pb := samBuilder{loc: pol.loc, keyLoc: pol.loc}
	return pb.sub("arn:${AWS::Partition}:iam::aws:policy/" + pol.str)
}

// expandPolicyTemplate returns the policy document a policy template entry
// ({TemplateName: {Parameter: value, ...}}) grants: the template's
// definition, located at the template's name, with each {"Ref":
// parameter} replaced by the value given (which keeps its own location and
// is evaluated like any other value of the template). Missing parameters
// and parameter values that are not a map are errors, as in the transform;
// a value for a name that is not a parameter is ignored, as the transform
// ignores it, with a note. nil after an error.
func (x *samExpansion) expandPolicyTemplate(e *resEntry, pol *node) *node {
	k, values := pol.keys[0], pol.vals[0]
	tpl, _ := samtemplates.Lookup(k.name)
	if values == nil || values.kind != nMap {
		at := k.loc
		if values != nil {
			at = values.loc
		}
		x.st.p.errorf(at, "SAM: %s: policy template %s needs a map of parameter values (%s), got %s",
			e.id, k.name, parameterList(tpl.Parameters), values.kindName())
		return nil
	}
	var missing []string
	given := make(map[string]*node, len(tpl.Parameters))
	for _, p := range tpl.Parameters {
		if v := values.get(p); v != nil {
			given[p] = v
		} else {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		x.st.p.errorf(k.loc, "SAM: %s: policy template %s has no value for %s", e.id, k.name, plural(missing, "parameter"))
		return nil
	}
	if !isCall(values) {
		for _, vk := range values.keys {
			if given[vk.name] == nil {
				x.st.p.diags.Notef(vk.loc, "SAM: %s is not a parameter of policy template %s (%s); the transform ignores it",
					vk.name, k.name, parameterList(tpl.Parameters))
			}
		}
	}
	var sink graph.Diagnostics
	def := parseJSON(samtemplates.Source+" policy_templates.json", tpl.Definition, &sink)
	if def == nil {
		// The table is SAM's own file, parsed by the samtemplates tests.
		x.st.p.errorf(k.loc, "SAM: policy template %s of %s cannot be read", k.name, samtemplates.Source)
		return nil
	}
	return instantiate(def, k.loc, given)
}

// instantiate copies a template definition to loc, replacing each {"Ref":
// name} whose name is a parameter with its value.
func instantiate(def *node, loc graph.Location, values map[string]*node) *node {
	if fn, arg, ok := def.single(); ok && fn == "Ref" && arg.kind == nString {
		if v := values[arg.str]; v != nil {
			return v
		}
	}
	out := &node{kind: def.kind, b: def.b, num: def.num, str: def.str, loc: loc}
	for _, it := range def.list {
		out.list = append(out.list, instantiate(it, loc, values))
	}
	if def.kind == nList && out.list == nil {
		out.list = []*node{}
	}
	for i, key := range def.keys {
		out.keys = append(out.keys, mapKey{name: key.name, loc: loc})
		out.vals = append(out.vals, instantiate(def.vals[i], loc, values))
	}
	return out
}

// parameterList names a template's parameters for messages.
func parameterList(params []string) string {
	if len(params) == 0 {
		return "it has none: {}"
	}
	return "parameters " + strings.Join(params, ", ")
}

// plural names one or more things: "parameter A", "parameters A, B".
func plural(names []string, what string) string {
	sort.Strings(names)
	if len(names) == 1 {
		return what + " " + names[0]
	}
	return what + "s " + strings.Join(names, ", ")
}
