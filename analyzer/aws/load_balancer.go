package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elbv2.load_balancer: an Application, Network or
// Gateway Load Balancer, with its scheme, what it is placed in and whether
// it writes access logs.
const kindLoadBalancer = "aws.elbv2.load_balancer"

var loadBalancerTypes = []string{"AWS::ElasticLoadBalancingV2::LoadBalancer", "aws_lb", "aws_alb"}

type loadBalancerMapper struct{}

func (loadBalancerMapper) kind() string { return kindLoadBalancer }

func (loadBalancerMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(loadBalancerTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		groups, subnets := &listBuilder{loc: r.Loc}, &listBuilder{loc: r.Loc}
		var typ, scheme, internal *graph.Value
		if r.Source == graph.SourceCloudFormation {
			typ = attr(r, "Type")
			scheme = orDefault(str(attr(r, "Scheme")), graph.String("internet-facing", r.Loc))
			internal = schemeInternal(scheme)
			groups.add(attr(r, "SecurityGroups"))
			subnets.add(attr(r, "Subnets"))
			mappedSubnets(subnets, attr(r, "SubnetMappings"), "SubnetId")
			p.Set("access_logs", cfnAccessLogs(r))
		} else {
			typ = attr(r, "load_balancer_type")
			internal = orDefault(boolean(attr(r, "internal")), graph.Bool(false, r.Loc))
			scheme = internalScheme(internal)
			groups.add(attr(r, "security_groups"))
			subnets.add(attr(r, "subnets"))
			mappedSubnets(subnets, attr(r, "subnet_mapping"), "subnet_id")
			// The provider's access_logs.enabled defaults to false, even
			// when a bucket is given.
			p.Set("access_logs", accessLogsBlock(r, "enabled", graph.Bool(false, r.Loc)))
		}
		p.Set("type", orDefault(str(typ), graph.String("application", r.Loc)))
		p.Set("scheme", scheme)
		p.Set("internal", internal)
		p.Set("security_groups", groups.value())
		p.Set("subnets", subnets.value())
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// schemeInternal is `internal` of a CloudFormation scheme, Unknown kept.
func schemeInternal(scheme *graph.Value) *graph.Value {
	if scheme.IsUnknown() {
		return scheme
	}
	s, _ := scheme.AsString()
	return graph.Bool(s == "internal", scheme.Loc)
}

// internalScheme is the scheme a Terraform `internal` argument means,
// Unknown kept.
func internalScheme(internal *graph.Value) *graph.Value {
	if internal.IsUnknown() {
		return internal
	}
	if internal.Bool {
		return graph.String("internal", internal.Loc)
	}
	return graph.String("internet-facing", internal.Loc)
}

// mappedSubnets adds the subnet of each subnet mapping (SubnetMappings,
// subnet_mapping blocks); a mapping that is Unknown makes the list so.
func mappedSubnets(subnets *listBuilder, mappings *graph.Value, key string) {
	elems, ok := items(mappings)
	if !ok {
		subnets.add(mappings)
		return
	}
	for _, m := range elems {
		if m.Kind != graph.KindMap || m.Representative {
			subnets.addUnknownLength(graph.Unknown("a subnet mapping is unknown", m.Loc))
			continue
		}
		subnets.addElement(field(m, key))
	}
}

// accessLogsKey is the load balancer attribute that turns access logs on.
const accessLogsKey = "access_logs.s3.enabled"

// cfnAccessLogs is whether the LoadBalancerAttributes of a CloudFormation
// load balancer turn access logs on: false when no attribute names
// access_logs.s3.enabled (AWS's default), Unknown when the list, an entry
// or its key is.
func cfnAccessLogs(r *graph.Resource) *graph.Value {
	native := attr(r, "LoadBalancerAttributes")
	elems, ok := items(native)
	if !ok {
		return native
	}
	var unknown *graph.Value
	for _, e := range elems {
		key := field(e, "Key")
		if key.IsUnknown() {
			// An entry, or its key, that is not known may be this one.
			if unknown == nil {
				unknown = key
			}
			continue
		}
		if k, _ := key.AsString(); k != accessLogsKey {
			continue
		}
		if v := boolean(field(e, "Value")); v != nil {
			return v
		}
		return graph.Unknown("access_logs.s3.enabled has no value", e.Loc)
	}
	if unknown != nil {
		return unknown
	}
	return graph.Bool(false, r.Loc)
}

// accessLogsBlock is whether a Terraform access_logs block turns logging
// on: false without the block, its enabled argument, or def (the
// provider's default, which differs between aws_lb and aws_elb) when the
// block leaves it out. A block that may not exist (a dynamic block over an
// unknown collection) is Unknown.
func accessLogsBlock(r *graph.Resource, enabled string, def *graph.Value) *graph.Value {
	b := nestedBlock(attr(r, "access_logs"))
	switch {
	case b == nil:
		return graph.Bool(false, r.Loc)
	case b.Kind == graph.KindUnknown:
		return b
	}
	def.Loc = b.Loc
	return orDefault(boolean(field(b, enabled)), def)
}
