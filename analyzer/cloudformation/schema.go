package cloudformation

//go:generate go run -tags cfnschema ../../internal/cfnschema -o schema.txt

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
	"github.com/rampart-iac/rampart/analyzer/graph"
)

// schemaText is the resource-schema table generated from goformation v7.14.9
// by internal/cfnschema (see that command for the format).
//
//go:embed schema.txt
var schemaText string

// schemaVersion names the frozen source of the table in messages.
const schemaVersion = "goformation v7.14.9, April 2024"

// typeSchema lists the properties of a resource or property type.
type typeSchema struct {
	props map[string]propSchema
	names []string // sorted, for suggestions
}

// propSchema says what a property holds when it is a nested property type.
type propSchema struct {
	nested string // property type name, "" for scalars and free-form values
	isMap  bool   // a map from user-chosen names to nested
}

// schemaIndex is the parsed table.
type schemaIndex struct {
	resources map[string]*typeSchema
	types     map[string]*typeSchema
}

// loadSchema parses the embedded table once per process; the index is
// read-only afterwards and shared by concurrent parses.
var loadSchema = sync.OnceValue(func() *schemaIndex {
	idx := &schemaIndex{resources: map[string]*typeSchema{}, types: map[string]*typeSchema{}}
	for line := range strings.Lines(schemaText) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		name := fields[1]
		owner, _, _ := strings.Cut(name, ".")
		ts := &typeSchema{props: make(map[string]propSchema, len(fields)-2)}
		for _, f := range fields[2:] {
			prop, nested, isMap := f, "", false
			if i := strings.IndexAny(f, "=~"); i >= 0 {
				prop, nested, isMap = f[:i], f[i+1:], f[i] == '~'
				if strings.HasPrefix(nested, ".") {
					nested = owner + nested
				}
			}
			ts.props[prop] = propSchema{nested: nested, isMap: isMap}
			ts.names = append(ts.names, prop)
		}
		sort.Strings(ts.names)
		if fields[0] == "R" {
			idx.resources[name] = ts
		} else {
			idx.types[name] = ts
		}
	}
	for name, props := range samSupplement() {
		ts := idx.resources[name]
		if ts == nil {
			ts = idx.types[name]
		}
		if ts == nil {
			continue
		}
		for _, p := range props {
			if _, ok := ts.props[p]; !ok {
				ts.props[p] = propSchema{}
				ts.names = append(ts.names, p)
			}
		}
		sort.Strings(ts.names)
	}
	return idx
})

// samSupplement lists SAM properties in the AWS SAM specification that
// goformation v7.14.9's SAM model lacks (it trails the specification, and
// names HttpApi's AccessLogSettings in the singular). Without them every
// SAM template using, say, LoggingConfig would get a warning.
func samSupplement() map[string][]string {
	return map[string][]string{
		"AWS::Serverless::Function": {"AutoPublishAliasAllProperties", "LoggingConfig", "PropagateTags",
			"RecursiveLoop", "RolePath", "RuntimeManagementConfig", "SnapStart", "SourceKMSKeyArn"},
		"AWS::Serverless::Api":          {"ApiKeySourceType", "MergeDefinitions", "Mode", "PropagateTags"},
		"AWS::Serverless::Api.Auth":     {"ApiKeyRequired", "InvokeRole", "ResourcePolicy", "UsagePlan"},
		"AWS::Serverless::HttpApi":      {"AccessLogSettings", "Name", "PropagateTags"},
		"AWS::Serverless::LayerVersion": {"CompatibleArchitectures", "PublishLambdaVersion"},
		"AWS::Serverless::SimpleTable":  {"PointInTimeRecoverySpecification"},
		"AWS::Serverless::StateMachine": {"AutoPublishAlias", "DeploymentPreference", "PermissionsBoundary",
			"PropagateTags", "RolePath", "UseAliasAsEventTarget"},
	}
}

// isCustomType reports whether a type not in the table is one CloudFormation
// users define themselves: Custom::*, or a registry or module type
// (Org::Service::Type, Org::Service::Type::MODULE) outside the AWS and Alexa
// namespaces.
func isCustomType(t string) bool {
	if strings.HasPrefix(t, "Custom::") {
		return true
	}
	parts := strings.Split(t, "::")
	if len(parts) < 3 || parts[0] == "AWS" || parts[0] == "Alexa" {
		return false
	}
	for _, p := range parts {
		if p == "" {
			return false
		}
	}
	return true
}

// checkSchema warns about an unknown resource type and about property names
// that are not in the type's model, with a suggestion.
func (st *stack) checkSchema(e *resEntry, props *node) {
	if e.typ == "AWS::CloudFormation::CustomResource" || isCustomType(e.typ) {
		return
	}
	full := st.fullID(e.id)
	ts := st.p.schema.resources[e.typ]
	if ts == nil {
		d := graph.Diagnostic{
			Severity: graph.SeverityWarning,
			Location: e.body.get("Type").loc,
			Resource: full,
		}
		if strings.HasPrefix(e.typ, "AWS::") || strings.HasPrefix(e.typ, "Alexa::") {
			d.Summary = "unknown resource type " + e.typ
			d.Detail = "not in rampart's schema table (" + schemaVersion + "): misspelled, or added to CloudFormation since; its properties are not checked"
			// Types get a stricter bound than properties: a new type often
			// sits close to an old one (DomainNameV2, DomainName).
			if s := suggestWithin(e.typ, resourceNames(st.p.schema), 2); s != "" {
				d.Summary += "; did you mean " + s + "?"
			}
		} else {
			d.Summary = "unknown resource type " + e.typ
			d.Detail = "a type is AWS::Service::Resource, Custom::Name, or a registry type Org::Service::Resource"
		}
		*st.p.diags = append(*st.p.diags, d)
		return
	}
	if props == nil || props.kind != nMap {
		return
	}
	st.checkProps(full, e.typ, ts, props, graph.Path{}, 0)
}

func (st *stack) checkProps(res, typeName string, ts *typeSchema, n *node, path graph.Path, depth int) {
	if depth > 32 {
		return
	}
	for i, k := range n.keys {
		if strings.HasPrefix(k.name, "Fn::") || k.name == "Ref" {
			continue // an intrinsic or a Fn::ForEach loop: keys are not literal
		}
		ps, ok := ts.props[k.name]
		if !ok {
			d := graph.Diagnostic{
				Severity: graph.SeverityWarning,
				Summary:  quoted(k.name) + " is not a property of " + typeName,
				Location: k.loc,
				Resource: res,
				Path:     path.Append(k.name),
			}
			if s := suggest(k.name, ts.names); s != "" {
				d.Summary += "; did you mean " + s + "?"
			}
			d.Detail = "checked against rampart's schema table (" + schemaVersion + "); a property added since is reported too"
			*st.p.diags = append(*st.p.diags, d)
			continue
		}
		if ps.nested == "" {
			continue
		}
		sub := st.p.schema.types[ps.nested]
		if sub == nil {
			continue
		}
		v := n.vals[i]
		p := path.Append(k.name)
		switch {
		case ps.isMap && v.kind == nMap:
			for j, mk := range v.keys {
				if item := v.vals[j]; item.kind == nMap && !isCall(item) {
					st.checkProps(res, ps.nested, sub, item, p.Append(mk.name), depth+1)
				}
			}
		case v.kind == nMap && !isCall(v):
			st.checkProps(res, ps.nested, sub, v, p, depth+1)
		case v.kind == nList:
			for j, item := range v.list {
				if item.kind == nMap && !isCall(item) {
					st.checkProps(res, ps.nested, sub, item, p.Append(j), depth+1)
				}
			}
		}
	}
}

// isCall reports whether n is an intrinsic function call.
func isCall(n *node) bool {
	fn, _, ok := n.single()
	return ok && (isIntrinsic(fn) || fn == "Condition")
}

func resourceNames(idx *schemaIndex) []string {
	out := make([]string, 0, len(idx.resources))
	for k := range idx.resources {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest returns the candidate closest to name: a case-insensitive match,
// else the nearest by edit distance when it is close enough to be a typo.
func suggest(name string, candidates []string) string {
	return suggestWithin(name, candidates, max(2, len(name)/4))
}

// suggestWithin is suggest with an explicit edit-distance bound.
func suggestWithin(name string, candidates []string, limit int) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		if strings.EqualFold(c, name) {
			return c
		}
		d := levenshtein.Distance(strings.ToLower(name), strings.ToLower(c), nil)
		if d <= limit && (best == "" || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}
