# METADATA
# title: Load balancer listener without HTTPS or with an old TLS policy
# description: |
#   Fires for each load balancer listener that accepts plain HTTP without
#   redirecting it to HTTPS, or that terminates HTTPS or TLS with a security
#   policy accepting a protocol older than TLS 1.2.
#
#   Application and Network Load Balancer listeners
#   (AWS::ElasticLoadBalancingV2::Listener, aws_lb_listener,
#   aws_alb_listener): an HTTP listener passes only when one of its default
#   actions is a redirect whose protocol is HTTPS. Listener rules
#   (ListenerRule, aws_lb_listener_rule) do not count, even those that
#   redirect: a rule applies only to the requests its conditions match, and
#   every other request is answered over plain HTTP by the default action. A
#   Terraform listener without a protocol on an Application Load Balancer is
#   HTTP (the provider's default). Network Load Balancer TCP, UDP and
#   TCP_UDP listeners are not plain HTTP and are not judged; TLS and HTTPS
#   listeners are judged by their security policy, which is
#   ELBSecurityPolicy-2016-08 (TLS 1.0) when none is given (the default of
#   the API, CloudFormation and Terraform). Gateway Load Balancer listeners
#   are never judged.
#
#   Classic Load Balancer listeners (Listeners of
#   AWS::ElasticLoadBalancing::LoadBalancer, listener blocks of aws_elb):
#   an HTTP listener always fires, since a classic load balancer cannot
#   redirect; an HTTPS or SSL listener fires when the predefined policy its
#   SSLNegotiationPolicyType policy references is older than TLS 1.2, or
#   when it has none (AWS's default, ELBSecurityPolicy-2016-08).
#
#   The oldest protocol each predefined policy accepts comes from the
#   Elastic Load Balancing documentation (the listener's min_tls_version;
#   the table is analyzer/aws/load_balancer_tls.go). A policy
#   name the table does not list, a custom classic policy, an Unknown
#   protocol or policy, a default action that may not exist, and a classic
#   listener policy resource of the scan whose policies are not read are
#   undecided, never findings. The finding points at the listener's
#   protocol (plain HTTP) or its security policy.
# custom:
#   id: AWS-ELB-002
#   name: elb-https-only
#   severity: HIGH
#   remediation: |
#     Serve HTTPS only, and redirect plain HTTP to it; use a security policy
#     that accepts TLS 1.2 or later, such as
#     ELBSecurityPolicy-TLS13-1-2-2021-06. CloudFormation: give the HTTP
#     AWS::ElasticLoadBalancingV2::Listener the DefaultActions [{Type:
#     redirect, RedirectConfig: {Protocol: HTTPS, Port: "443", StatusCode:
#     HTTP_301}}], and the HTTPS or TLS listener SslPolicy:
#     ELBSecurityPolicy-TLS13-1-2-2021-06; on a classic load balancer, drop
#     the HTTP listener and reference ELBSecurityPolicy-TLS-1-2-2017-01 in an
#     SSLNegotiationPolicyType policy named by the HTTPS listener. Terraform:
#     a default_action { type = "redirect" redirect { protocol = "HTTPS"
#     port = "443" status_code = "HTTP_301" } } on the HTTP aws_lb_listener,
#     and ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" on the HTTPS or
#     TLS one; for aws_elb, an aws_load_balancer_policy referencing
#     ELBSecurityPolicy-TLS-1-2-2017-01 attached with
#     aws_load_balancer_listener_policy.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-1
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-8
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-17
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
#   equivalents:
#     - checkov:CKV_AWS_2
#     - checkov:CKV_AWS_103
#     - trivy:AVD-AWS-0054
#     - trivy:AVD-AWS-0047
#     - tfsec:aws-elb-http-not-used
#     - tfsec:aws-elb-use-secure-tls-policy
#   kinds:
#     - aws.elbv2.listener
#     - aws.elb.load_balancer
#   reads:
#     - load_balancer_type
#     - protocol
#     - ssl_policy
#     - min_tls_version
#     - default_actions
#     - listeners
package rampart.rules.elb_https_only

import data.rampart.lib

# Protocols older than TLS 1.2, as min_tls_version names them.
old_versions := {"SSLv3", "TLSv1.0", "TLSv1.1"}

# Plain HTTP on an Application Load Balancer listener, not redirected.
results contains lib.result(l, ["protocol"], v, sprintf("listener %v accepts plain HTTP and does not redirect it to HTTPS", [l.id])) if {
	some l in lib.resources("aws.elbv2.listener")
	v := lib.all_of([
		lib.at(["protocol"], protocol_in(l.properties.protocol, {"HTTP"}, l.properties.load_balancer_type)),
		no_https_redirect(l.properties.default_actions),
	])
}

# HTTPS or TLS with a policy older than TLS 1.2.
results contains lib.result(l, ["ssl_policy"], v, old_policy_message(l.id, l.properties.ssl_policy)) if {
	some l in lib.resources("aws.elbv2.listener")
	v := lib.all_of([
		lib.at(["protocol"], protocol_in(l.properties.protocol, {"HTTPS", "TLS"}, l.properties.load_balancer_type)),
		lib.at(["min_tls_version"], older_than_tls12(l.properties.min_tls_version)),
	])
}

# A classic listener of unknown number: undecided.
results contains lib.result(lb, ["listeners"], {"maybe": ["listeners"]}, "") if {
	some lb in lib.resources("aws.elb.load_balancer")
	is_null(lb.properties.listeners)
}

results contains lib.result(lb, ["listeners", i], {"maybe": ["listeners", i]}, "") if {
	some lb in lib.resources("aws.elb.load_balancer")
	some i, l in lb.properties.listeners
	is_null(l)
}

# Plain HTTP on a classic load balancer, which cannot redirect.
results contains lib.result(lb, ["listeners", i, "protocol"], v, msg) if {
	some lb in lib.resources("aws.elb.load_balancer")
	some i, l in lb.properties.listeners
	v := lib.at(["listeners", i, "protocol"], protocol_in(l.protocol, {"HTTP"}, "classic"))
	msg := sprintf("classic load balancer %v accepts plain HTTP on port %v, which it cannot redirect to HTTPS", [lb.id, l.port])
}

results contains lib.result(lb, ["listeners", i, "ssl_policy"], v, old_policy_message(sprintf("%v of %v", [l.port, lb.id]), l.ssl_policy)) if {
	some lb in lib.resources("aws.elb.load_balancer")
	some i, l in lb.properties.listeners
	v := lib.all_of([
		lib.at(["listeners", i, "protocol"], protocol_in(l.protocol, {"HTTPS", "SSL"}, "classic")),
		lib.at(["listeners", i, "min_tls_version"], older_than_tls12(l.min_tls_version)),
	])
}

deny := lib.certain(results)

older_than_tls12(v) := "yes" if v in old_versions

older_than_tls12(v) := "maybe" if is_null(v)

undecided := lib.uncertain(results)

# protocol_in is "yes" for one of protocols, "maybe" for an Unknown
# protocol unless the load balancer is of a type whose listeners are never
# judged (a Gateway Load Balancer).
protocol_in(p, protocols, _) := "yes" if p in protocols

protocol_in(p, _, lb_type) := "maybe" if {
	is_null(p)
	lb_type != "gateway"
}

# no_https_redirect is the placed verdict of "no default action redirects
# to HTTPS": no when one surely does, a maybe at the first action that
# may (an Unknown action, type or redirect protocol).
no_https_redirect(actions) := {"maybe": ["default_actions"]} if {
	is_null(actions)
} else := "yes" if {
	not redirects_to_https(actions)
	count(undecidable_actions(actions)) == 0
} else := {"maybe": undecidable_actions(actions)[0]} if {
	not redirects_to_https(actions)
}

redirects_to_https(actions) if {
	some a in actions
	a.type == "redirect"
	a.redirect_protocol == "HTTPS"
}

undecidable_actions(actions) := [path |
	some i, a in actions
	some path in undecidable_action(i, a)
]

undecidable_action(i, a) := [["default_actions", i]] if is_null(a)

undecidable_action(i, a) := [["default_actions", i, "type"]] if {
	not is_null(a)
	is_null(a.type)
}

undecidable_action(i, a) := [["default_actions", i, "redirect_protocol"]] if {
	not is_null(a)
	a.type == "redirect"
	is_null(a.redirect_protocol)
}

old_policy_message(what, policy) := sprintf("listener %v uses security policy %v, which accepts protocols older than TLS 1.2", [what, policy])
