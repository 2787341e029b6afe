package aws

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

// Canonical kind aws.rds.parameter_group: an RDS DB parameter group or DB
// cluster parameter group and the parameters it sets. The databases that
// name one read their TLS setting from it (AWS-RDS-004).
const kindRDSParameterGroup = "aws.rds.parameter_group"

var (
	rdsInstanceGroupTypes = []string{"AWS::RDS::DBParameterGroup", "aws_db_parameter_group"}
	rdsClusterGroupTypes  = []string{"AWS::RDS::DBClusterParameterGroup", "aws_rds_cluster_parameter_group"}
)

type rdsParameterGroupMapper struct{}

func (rdsParameterGroupMapper) kind() string { return kindRDSParameterGroup }

func (rdsParameterGroupMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(append(append([]string(nil), rdsInstanceGroupTypes...), rdsClusterGroupTypes...)...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		p.Set("cluster", graph.Bool(hasType(r, rdsClusterGroupTypes), r.Loc))
		family := "Family"
		if r.Source != graph.SourceCloudFormation {
			family = "family"
		}
		p.Set("family", orDefault(str(attr(r, family)), graph.String("", r.Loc)))
		p.Set("parameters", groupParameters(r))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// groupParameters is a parameter group's parameters as a map of name to
// value (strings as AWS stores them): CloudFormation's Parameters map, or
// Terraform's parameter blocks. Unknown when the map or the list of blocks
// is; a block whose name is Unknown makes the whole map Unknown, since it
// may set any parameter.
func groupParameters(r *graph.Resource) *graph.Value {
	m := graph.Map(r.Loc)
	if r.Source == graph.SourceCloudFormation {
		v := attr(r, "Parameters")
		switch {
		case v == nil:
			return m
		case v.Kind != graph.KindMap:
			return graph.Unknown("Parameters is not a map", v.Loc)
		}
		for _, k := range v.Keys {
			m.Set(k, str(v.Get(k)))
		}
		return m
	}
	blocks, ok := items(attr(r, "parameter"))
	if !ok {
		return graph.Unknown("the parameter blocks are not known", r.Loc)
	}
	for _, b := range blocks {
		name := str(field(b, "name"))
		if name == nil || name.Kind != graph.KindString {
			return graph.Unknown("a parameter's name is not known", b.Loc)
		}
		if v := str(field(b, "value")); v != nil {
			m.Set(name.Str, v)
		} else {
			m.Set(name.Str, graph.Unknown("the value of parameter "+name.Str+" is not known", b.Loc))
		}
	}
	return m
}

// tlsParameter names the parameter that forces TLS connections for an
// engine: rds.force_ssl for PostgreSQL and SQL Server (RDS and Aurora),
// require_secure_transport for MySQL and MariaDB (RDS and Aurora); "" for
// the engines that have none (Oracle uses an option group, Db2 a
// certificate setting).
func tlsParameter(engine string) string {
	e := strings.ToLower(engine)
	switch {
	case strings.Contains(e, "postgres"), strings.HasPrefix(e, "sqlserver"):
		return "rds.force_ssl"
	case strings.Contains(e, "mysql"), strings.HasPrefix(e, "mariadb"), e == "aurora":
		return "require_secure_transport"
	}
	return ""
}

var majorVersion = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d+)`) })

// defaultForcesTLS reports whether the default parameter group of an
// engine forces TLS: rds.force_ssl is 1 by default for RDS for PostgreSQL
// 15 and later, which an absent engine version (the latest) is.
func defaultForcesTLS(engine string, version *graph.Value) *graph.Value {
	if strings.ToLower(engine) != "postgres" {
		return graph.Bool(false, graph.Location{})
	}
	if version == nil {
		return graph.Bool(true, graph.Location{})
	}
	if version.Kind != graph.KindString {
		return graph.Unknown("whether the default parameter group forces TLS depends on the engine version", version.Loc)
	}
	m := majorVersion().FindStringSubmatch(version.Str)
	if m == nil {
		return graph.Unknown("the engine version "+version.Str+" is not a version number", version.Loc)
	}
	n, _ := strconv.Atoi(m[1])
	return graph.Bool(n >= 15, graph.Location{})
}

// tlsForced is tls_required of a database whose parameter group is named
// by group (nil: the engine's default group): whether the group sets the
// engine's TLS parameter to force TLS. It is located at group (or at the
// resource r when it is absent), with a hop at the group in the scan.
// A group named by a literal that is not in the scan is Unknown: its
// parameters are not known (unless it is a default group, "default.…").
func tlsForced(idx *unitIndex, r *graph.Resource, group *graph.Value, groupTypes []string, param, engine string, version *graph.Value) *graph.Value {
	at := r.Loc
	if group != nil {
		at = group.Loc
	}
	located := func(v *graph.Value) *graph.Value {
		c := *v
		c.Loc = at
		return &c
	}
	if group == nil {
		return located(defaultForcesTLS(engine, version))
	}
	g := idx.target(group, groupTypes...)
	if g == nil {
		g = groupNamed(idx, group, groupTypes)
	}
	if g == nil {
		if s, ok := group.AsString(); ok && group.Kind == graph.KindString && strings.HasPrefix(s, "default.") {
			return located(defaultForcesTLS(engine, version))
		}
		u := graph.Unknown("the parameter group is not in the scan", at)
		u.Trace = group.Trace
		return u
	}
	params := groupParameters(g)
	if params.Kind == graph.KindUnknown {
		return withTrace(graph.Unknown(params.Reason, at), hop(g, "parameter group "+g.ID))
	}
	v := params.Get(param)
	if v == nil {
		// A group starts from its family's defaults: rds.force_ssl is 1
		// there too for PostgreSQL 15 and later.
		d := located(familyForcesTLS(g, engine, version))
		return withTrace(d, hop(g, "parameter group "+g.ID+" does not set "+param))
	}
	if v.Kind == graph.KindUnknown {
		return withTrace(graph.Unknown(v.Reason, at), hop(g, "parameter group "+g.ID))
	}
	s, _ := v.AsString()
	on := s == "1" || strings.EqualFold(s, "on") || strings.EqualFold(s, "true")
	return withTrace(graph.Bool(on, at), graph.Hop{Location: v.Loc, Note: "parameter group " + g.ID + " sets " + param + " to " + s})
}

// familyForcesTLS reports whether the defaults of group g's family force
// TLS: a postgresNN family with NN of 15 or more; the engine's defaults
// when the family is not written.
func familyForcesTLS(g *graph.Resource, engine string, version *graph.Value) *graph.Value {
	key := "Family"
	if g.Source != graph.SourceCloudFormation {
		key = "family"
	}
	f := str(attr(g, key))
	if f == nil || f.Kind != graph.KindString {
		return defaultForcesTLS(engine, version)
	}
	v, ok := strings.CutPrefix(strings.ToLower(f.Str), "postgres")
	if !ok {
		return graph.Bool(false, graph.Location{})
	}
	return defaultForcesTLS("postgres", graph.String(v, f.Loc))
}

// groupNamed finds the parameter group of the scan whose name is the
// literal group names.
func groupNamed(idx *unitIndex, group *graph.Value, groupTypes []string) *graph.Resource {
	if group.Kind != graph.KindString {
		return nil
	}
	for _, g := range idx.ofTypes(groupTypes...) {
		key := "name"
		if g.Source == graph.SourceCloudFormation {
			key = "DBParameterGroupName"
			if hasType(g, rdsClusterGroupTypes) {
				key = "DBClusterParameterGroupName"
			}
		}
		if n := str(attr(g, key)); n != nil && n.Kind == graph.KindString && strings.EqualFold(n.Str, group.Str) {
			return g
		}
	}
	return nil
}
