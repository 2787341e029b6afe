package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elbv2.load_balancer: an Application, Network or
// Gateway Load Balancer, with its scheme and what it is placed in.
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
		} else {
			typ = attr(r, "load_balancer_type")
			internal = orDefault(boolean(attr(r, "internal")), graph.Bool(false, r.Loc))
			scheme = internalScheme(internal)
			groups.add(attr(r, "security_groups"))
			subnets.add(attr(r, "subnets"))
			mappedSubnets(subnets, attr(r, "subnet_mapping"), "subnet_id")
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
