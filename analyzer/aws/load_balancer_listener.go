package aws

import "github.com/rampart-iac/rampart/analyzer/graph"

// Canonical kind aws.elbv2.listener: a listener of an Application, Network
// or Gateway Load Balancer, with its protocol, its security policy and its
// default actions. It is a kind of its own rather than a part folded into
// the load balancer: a listener is its own resource in both frameworks,
// and one whose load balancer is outside the scan (a module given the
// load balancer's ARN) must still be judged.
const kindListener = "aws.elbv2.listener"

var listenerTypes = []string{"AWS::ElasticLoadBalancingV2::Listener", "aws_lb_listener", "aws_alb_listener"}

// defaultSSLPolicy is the security policy of an HTTPS or TLS listener
// created without one through the API, CloudFormation or Terraform (the
// console picks a newer one).
const defaultSSLPolicy = "ELBSecurityPolicy-2016-08"

type listenerMapper struct{}

func (listenerMapper) kind() string { return kindListener }

func (listenerMapper) normalize(idx *unitIndex) []*graph.Canonical {
	var out []*graph.Canonical
	for _, r := range idx.ofTypes(listenerTypes...) {
		if idx.stopped() {
			return out
		}
		keys := tfListenerKeys
		if r.Source == graph.SourceCloudFormation {
			keys = cfnListenerKeys
		}
		lbRef := attr(r, keys.loadBalancer)
		lbType := listenerLoadBalancerType(idx, r, lbRef)
		p := props(r)
		p.Set("load_balancer_type", lbType)
		p.Set("protocol", listenerProtocol(r, upper(str(attr(r, keys.protocol))), lbType))
		p.Set("port", num(attr(r, keys.port)))
		policy := orDefault(str(attr(r, keys.sslPolicy)), graph.String(defaultSSLPolicy, r.Loc))
		p.Set("ssl_policy", policy)
		p.Set("min_tls_version", minTLSVersion(policy))
		p.Set("default_actions", mapItems(r, attr(r, keys.actions), keys.action))
		out = append(out, &graph.Canonical{ID: r.ID, Native: r, Props: p})
	}
	return out
}

// listenerKeys names a framework's listener arguments.
type listenerKeys struct {
	loadBalancer, protocol, port, sslPolicy, actions string
	action                                           func(e *graph.Value) *graph.Value
}

var (
	cfnListenerKeys = listenerKeys{"LoadBalancerArn", "Protocol", "Port", "SslPolicy", "DefaultActions", cfnListenerAction}
	tfListenerKeys  = listenerKeys{"load_balancer_arn", "protocol", "port", "ssl_policy", "default_action", tfListenerAction}
)

// listenerLoadBalancerType is the type of the load balancer of the scan
// the listener refers to (AWS's default, application, when it gives
// none), or Unknown when that load balancer is not in the scan.
func listenerLoadBalancerType(idx *unitIndex, r *graph.Resource, ref *graph.Value) *graph.Value {
	lb := idx.target(ref, loadBalancerTypes...)
	if lb == nil {
		return graph.Unknown("the listener's load balancer is not in the scan", locOr(ref, r.Loc))
	}
	key := "load_balancer_type"
	if lb.Source == graph.SourceCloudFormation {
		key = "Type"
	}
	return orDefault(str(attr(lb, key)), graph.String("application", lb.Loc))
}

// listenerProtocol is the listener's protocol, or the one it gets without
// one: Gateway Load Balancer listeners take none (GENEVE), and the
// Terraform provider sends HTTP for an Application Load Balancer's.
func listenerProtocol(r *graph.Resource, protocol, lbType *graph.Value) *graph.Value {
	if protocol != nil {
		return protocol
	}
	t, _ := lbType.AsString()
	switch {
	case t == "gateway":
		return graph.String("GENEVE", r.Loc)
	case t == "application" && r.Source == graph.SourceTerraform:
		return graph.String("HTTP", r.Loc)
	case lbType.IsUnknown():
		return graph.Unknown("no protocol given, and the load balancer's type is not known", r.Loc)
	}
	return graph.Unknown("no protocol given for a "+t+" load balancer's listener", r.Loc)
}

// cfnListenerAction maps one entry of DefaultActions.
func cfnListenerAction(e *graph.Value) *graph.Value {
	return listenerAction(e, field(e, "Type"), nestedBlock(field(e, "RedirectConfig")), "Protocol")
}

// tfListenerAction maps one default_action block.
func tfListenerAction(e *graph.Value) *graph.Value {
	if e.Representative {
		return graph.Unknown("a dynamic default_action may stand for any number of actions", e.Loc)
	}
	return listenerAction(e, field(e, "type"), nestedBlock(field(e, "redirect")), "protocol")
}

// listenerAction is one default action: its type, and for a redirect the
// protocol it redirects to (AWS's default keeps the request's, #{protocol}).
func listenerAction(e, typ, redirect *graph.Value, protocolKey string) *graph.Value {
	if e.Kind != graph.KindMap {
		if e.Kind == graph.KindUnknown {
			return e
		}
		return graph.Unknown("an action is a "+e.Kind.String()+", not a map", e.Loc)
	}
	a := graph.Map(e.Loc)
	a.Set("type", lower(orDefault(str(typ), graph.Unknown("no action type given", e.Loc))))
	protocol := graph.String("", e.Loc)
	if t, _ := typ.AsString(); t == "redirect" || (typ.IsUnknown() && redirect != nil) {
		switch {
		case redirect == nil:
			protocol = graph.Unknown("no redirect configuration given", e.Loc)
		case redirect.Kind == graph.KindUnknown:
			protocol = redirect
		default:
			protocol = orDefault(upper(str(field(redirect, protocolKey))), graph.String("#{PROTOCOL}", redirect.Loc))
		}
	}
	a.Set("redirect_protocol", protocol)
	return a
}
