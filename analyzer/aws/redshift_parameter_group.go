package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.redshift.parameter_group: a Redshift cluster parameter
// group and the parameters it sets. A cluster that names one reads its
// require_ssl from it (AWS-RS-003).
const kindRedshiftParameterGroup = "aws.redshift.parameter_group"

var redshiftGroupTypes = []string{"AWS::Redshift::ClusterParameterGroup", "aws_redshift_parameter_group"}

type redshiftParameterGroupMapper struct{}

func (redshiftParameterGroupMapper) kind() string { return kindRedshiftParameterGroup }

func (redshiftParameterGroupMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(redshiftGroupTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("family", orDefault(str(attr(r, redshiftFamilyKey(r))), graph.String("", r.Loc)))
		p.Set("parameters", redshiftParameters(r))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

func redshiftFamilyKey(r *graph.Resource) string {
	if r.Source == graph.SourceCloudFormation {
		return "ParameterGroupFamily"
	}
	return "family"
}

// redshiftParameters is a group's parameters as a map of name to value:
// CloudFormation's Parameters list of ParameterName and ParameterValue, or
// Terraform's parameter blocks. Unknown as a whole when the list is, or a
// name is.
func redshiftParameters(r *graph.Resource) *graph.Value {
	list, nameKey, valueKey := attr(r, "parameter"), "name", "value"
	if r.Source == graph.SourceCloudFormation {
		list, nameKey, valueKey = attr(r, "Parameters"), "ParameterName", "ParameterValue"
	}
	m := graph.Map(r.Loc)
	entries, ok := items(list)
	if !ok {
		return graph.Unknown("the parameters are not known", r.Loc)
	}
	for _, e := range entries {
		name := str(field(e, nameKey))
		if name == nil || name.Kind != graph.KindString {
			return graph.Unknown("a parameter's name is not known", e.Loc)
		}
		if v := str(field(e, valueKey)); v != nil {
			m.Set(name.Str, v)
		} else {
			m.Set(name.Str, graph.Unknown("the value of parameter "+name.Str+" is not known", e.Loc))
		}
	}
	return m
}

// redshiftFamilyRequiresSSL is require_ssl in a family's default group:
// true for redshift-2.0 (the family of new clusters' default group since
// 2025), false for the older redshift-1.0.
func redshiftFamilyRequiresSSL(family string) bool {
	return !strings.HasSuffix(strings.ToLower(family), "redshift-1.0")
}

// redshiftRequireSSL is a cluster's require_ssl, read from the parameter
// group it names (group nil: the default group default.redshift-2.0,
// which requires SSL). Located at the group attribute or the resource.
func redshiftRequireSSL(idx *unitIndex, r *graph.Resource, group *graph.Value) *graph.Value {
	at := r.Loc
	if group == nil {
		return graph.Bool(true, at)
	}
	at = group.Loc
	g := idx.target(group, redshiftGroupTypes...)
	if g == nil && group.Kind == graph.KindString {
		for _, c := range idx.ofTypes(redshiftGroupTypes...) {
			key := "name"
			if c.Source == graph.SourceCloudFormation {
				key = "ParameterGroupName"
			}
			if n := str(attr(c, key)); n != nil && n.Kind == graph.KindString && strings.EqualFold(n.Str, group.Str) {
				g = c
			}
		}
	}
	if g == nil {
		if group.Kind == graph.KindString && strings.HasPrefix(group.Str, "default.") {
			return graph.Bool(redshiftFamilyRequiresSSL(group.Str), at)
		}
		u := graph.Unknown("the parameter group is not in the scan", at)
		u.Trace = group.Trace
		return u
	}
	params := redshiftParameters(g)
	if params.Kind == graph.KindUnknown {
		return withTrace(graph.Unknown(params.Reason, at), hop(g, "parameter group "+g.ID))
	}
	v := params.Get("require_ssl")
	if v == nil {
		// A group starts from its family's defaults.
		f := str(attr(g, redshiftFamilyKey(g)))
		if f == nil || f.Kind != graph.KindString {
			return withTrace(graph.Unknown("the parameter group's family is not known", at), hop(g, "parameter group "+g.ID))
		}
		return withTrace(graph.Bool(redshiftFamilyRequiresSSL(f.Str), at), hop(g, "parameter group "+g.ID+" of family "+f.Str+" does not set require_ssl"))
	}
	if v.Kind == graph.KindUnknown {
		return withTrace(graph.Unknown(v.Reason, at), hop(g, "parameter group "+g.ID))
	}
	s, _ := v.AsString()
	return withTrace(graph.Bool(strings.EqualFold(s, "true") || s == "1", at), graph.Hop{Location: v.Loc, Note: "parameter group " + g.ID + " sets require_ssl to " + s})
}
