package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elb.load_balancer: a Classic Load Balancer (Elastic
// Load Balancing v1). It is its own kind, not an aws.elbv2.load_balancer
// of another type: its listeners, security policies and access logs are
// written differently, and it has no target groups.
const kindClassicLoadBalancer = "aws.elb.load_balancer"

var classicLoadBalancerTypes = []string{"AWS::ElasticLoadBalancing::LoadBalancer", "aws_elb"}

type classicLoadBalancerMapper struct{}

func (classicLoadBalancerMapper) kind() string { return kindClassicLoadBalancer }

func (classicLoadBalancerMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(classicLoadBalancerTypes...) {
		if idx.stopped() {
			return out
		}
		p := props(r)
		var scheme, internal, logs *graph.Value
		if r.Source == graph.SourceCloudFormation {
			scheme = orDefault(str(attr(r, "Scheme")), graph.String("internet-facing", r.Loc))
			internal = schemeInternal(scheme)
			logs = cfnAccessLoggingPolicy(r)
		} else {
			internal = orDefault(boolean(attr(r, "internal")), graph.Bool(false, r.Loc))
			scheme = internalScheme(internal)
			// aws_elb's access_logs.enabled defaults to true, unlike aws_lb's.
			logs = accessLogsBlock(r, "enabled", graph.Bool(true, r.Loc))
		}
		p.Set("scheme", scheme)
		p.Set("internal", internal)
		p.Set("access_logs", logs)
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// cfnAccessLoggingPolicy is the Enabled of a classic load balancer's
// AccessLoggingPolicy (required there), false without the policy.
func cfnAccessLoggingPolicy(r *graph.Resource) *graph.Value {
	policy := nestedBlock(attr(r, "AccessLoggingPolicy"))
	switch {
	case policy == nil:
		return graph.Bool(false, r.Loc)
	case policy.Kind == graph.KindUnknown:
		return policy
	}
	return orDefault(boolean(field(policy, "Enabled")), graph.Unknown("AccessLoggingPolicy has no Enabled", policy.Loc))
}
