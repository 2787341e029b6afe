package aws

import (
	"strings"

	"github.com/rampart-iac/rampart/analyzer/graph"
)

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
			p.Set("listeners", cfnClassicListeners(r))
		} else {
			internal = orDefault(boolean(attr(r, "internal")), graph.Bool(false, r.Loc))
			scheme = internalScheme(internal)
			// aws_elb's access_logs.enabled defaults to true, unlike aws_lb's.
			logs = accessLogsBlock(r, "enabled", graph.Bool(true, r.Loc))
			p.Set("listeners", tfClassicListeners(idx, r))
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

// sslNegotiationPolicy is the policy type of a classic load balancer's
// security policy; referencePolicy is the attribute naming the predefined
// policy it copies.
const (
	sslNegotiationPolicy = "SSLNegotiationPolicyType"
	referencePolicy      = "Reference-Security-Policy"
)

// classicListener is one canonical listener of a classic load balancer.
func classicListener(loc graph.Location, protocol, port, instanceProtocol, sslPolicy *graph.Value) *graph.Value {
	l := graph.Map(loc)
	l.Set("protocol", upper(str(orDefault(protocol, graph.Unknown("no protocol given", loc)))))
	l.Set("port", num(port))
	l.Set("instance_protocol", upper(str(instanceProtocol)))
	l.Set("ssl_policy", sslPolicy)
	l.Set("min_tls_version", minTLSVersion(sslPolicy))
	return l
}

// cfnClassicListeners maps Listeners; the security policy of each is the
// SSLNegotiationPolicyType policy of Policies it names in PolicyNames, or
// that names its port in LoadBalancerPorts: the predefined policy it
// references, Unknown for a custom one, and AWS's default without any.
func cfnClassicListeners(r *graph.Resource) *graph.Value {
	policies := attr(r, "Policies")
	return mapItems(r, attr(r, "Listeners"), func(e *graph.Value) *graph.Value {
		if e.Kind != graph.KindMap {
			return graph.Unknown("a listener is not known", e.Loc)
		}
		port := field(e, "LoadBalancerPort")
		return classicListener(e.Loc, field(e, "Protocol"), port, field(e, "InstanceProtocol"),
			cfnListenerSSLPolicy(r, e, policies, port))
	})
}

func cfnListenerSSLPolicy(r *graph.Resource, listener, policies, port *graph.Value) *graph.Value {
	elems, ok := items(policies)
	if !ok {
		return graph.Unknown("the load balancer's policies are not known", policies.Loc)
	}
	names, ok := items(field(listener, "PolicyNames"))
	if !ok {
		return graph.Unknown("the listener's policy names are not known", listener.Loc)
	}
	for _, pol := range elems {
		typ, name := field(pol, "PolicyType"), field(pol, "PolicyName")
		if typ.IsUnknown() || name.IsUnknown() {
			return graph.Unknown("a policy of the load balancer is not known", pol.Loc)
		}
		if t, _ := typ.AsString(); t != sslNegotiationPolicy {
			continue
		}
		applies, known := policyApplies(name, names, field(pol, "LoadBalancerPorts"), port)
		switch {
		case !known:
			return graph.Unknown("whether a security policy applies to the listener is not known", pol.Loc)
		case applies:
			return referencedPolicy(pol, field(pol, "Attributes"), "Name", "Value")
		}
	}
	return graph.String(defaultSSLPolicy, listener.Loc)
}

// policyApplies says whether the policy called name applies to the
// listener: the listener names it, or the policy names the listener's port.
func policyApplies(name *graph.Value, listenerNames []*graph.Value, ports, port *graph.Value) (applies, known bool) {
	n, _ := name.AsString()
	for _, ln := range listenerNames {
		s, ok := ln.AsString()
		if !ok {
			return false, false
		}
		if s == n {
			return true, true
		}
	}
	portList, ok := items(ports)
	if !ok {
		return false, false
	}
	want, ok := port.AsString()
	for _, p := range portList {
		s, pok := p.AsString()
		if !pok || !ok {
			return false, false
		}
		if s == want {
			return true, true
		}
	}
	return false, true
}

// referencedPolicy is the predefined policy a security policy copies
// (its Reference-Security-Policy attribute), Unknown for a custom one
// that lists protocols and ciphers itself.
func referencedPolicy(pol, attrs *graph.Value, nameKey, valueKey string) *graph.Value {
	elems, ok := items(attrs)
	if !ok {
		return graph.Unknown("the security policy's attributes are not known", pol.Loc)
	}
	for _, a := range elems {
		n := field(a, nameKey)
		if n.IsUnknown() {
			return graph.Unknown("an attribute of the security policy is not known", a.Loc)
		}
		if s, _ := n.AsString(); strings.EqualFold(s, referencePolicy) {
			return orDefault(str(field(a, valueKey)), graph.Unknown("Reference-Security-Policy has no value", a.Loc))
		}
	}
	return graph.Unknown("a custom security policy (its protocols are not judged)", pol.Loc)
}

// listenerPolicyTypes attach policies to a Terraform classic load
// balancer's listeners.
var listenerPolicyTypes = []string{"aws_load_balancer_listener_policy"}

// tfClassicListeners maps the listener blocks of an aws_elb. The security
// policy of an HTTPS or SSL listener is AWS's default unless an
// aws_load_balancer_listener_policy of the unit may name this load
// balancer: then it is Unknown (what that resource's policies hold is not
// read).
func tfClassicListeners(idx *unitIndex, r *graph.Resource) *graph.Value {
	var setBy *graph.Resource
	for _, lp := range idx.ofTypes(listenerPolicyTypes...) {
		ref := attr(lp, "load_balancer_name")
		if target := idx.target(ref, classicLoadBalancerTypes...); target == nil || target == r {
			setBy = lp
			break
		}
	}
	return mapItems(r, attr(r, "listener"), func(e *graph.Value) *graph.Value {
		if e.Kind != graph.KindMap || e.Representative {
			return graph.Unknown("a listener is not known", e.Loc)
		}
		policy := graph.String(defaultSSLPolicy, e.Loc)
		if setBy != nil {
			policy = graph.Unknown("the listener's security policy may be set by "+setBy.ID, setBy.Loc)
		}
		return classicListener(e.Loc, field(e, "lb_protocol"), field(e, "lb_port"), field(e, "instance_protocol"), policy)
	})
}
