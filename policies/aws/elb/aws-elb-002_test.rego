package rampart.rules.elb_https_only_test

import data.rampart.lib.testing as t
import data.rampart.rules.elb_https_only as rule

forward := {"type": "forward", "redirect_protocol": ""}

to_https := {"type": "redirect", "redirect_protocol": "HTTPS"}

test_http_without_redirect if {
	every actions in [[forward], [{"type": "redirect", "redirect_protocol": "#{PROTOCOL}"}], [{"type": "fixed-response", "redirect_protocol": ""}]] {
		inp := t.input_of([t.listener({"default_actions": actions})])
		t.paths(rule.deny) == {["protocol"]} with input as inp
	}
}

test_http_redirected_passes if {
	inp := t.input_of([t.listener({"default_actions": [to_https]})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_action_is_undecided if {
	every tc in [
		{"actions": null, "path": ["default_actions"]},
		{"actions": [forward, null], "path": ["default_actions", 1]},
		{"actions": [{"type": null, "redirect_protocol": ""}], "path": ["default_actions", 0, "type"]},
		{"actions": [{"type": "redirect", "redirect_protocol": null}], "path": ["default_actions", 0, "redirect_protocol"]},
	] {
		inp := t.input_of([t.listener({"default_actions": tc.actions})])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {tc.path} with input as inp
	}
}

test_known_redirect_beats_unknown_action if {
	inp := t.input_of([t.listener({"default_actions": [null, to_https]})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_old_tls_policy if {
	every tc in [
		{"protocol": "HTTPS", "min_tls_version": "TLSv1.0"},
		{"protocol": "TLS", "min_tls_version": "TLSv1.1"},
		{"protocol": "HTTPS", "min_tls_version": "SSLv3"},
	] {
		inp := t.input_of([t.listener({"protocol": tc.protocol, "min_tls_version": tc.min_tls_version, "default_actions": [forward]})])
		t.paths(rule.deny) == {["ssl_policy"]} with input as inp
	}
}

test_modern_tls_policy_passes if {
	every v in ["TLSv1.2", "TLSv1.3"] {
		inp := t.input_of([t.listener({"protocol": "HTTPS", "min_tls_version": v, "default_actions": [forward]})])
		count(rule.deny) == 0 with input as inp
		count(rule.undecided) == 0 with input as inp
	}
}

test_unlisted_or_unknown_policy_is_undecided if {
	inp := t.input_of([t.listener({"protocol": "HTTPS", "min_tls_version": null, "default_actions": [forward]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["min_tls_version"]} with input as inp
}

test_network_tcp_not_judged if {
	every p in ["TCP", "UDP", "TCP_UDP", "GENEVE"] {
		inp := t.input_of([t.listener({"protocol": p, "load_balancer_type": "network", "default_actions": [forward]})])
		count(rule.deny) == 0 with input as inp
		count(rule.undecided) == 0 with input as inp
	}
}

test_unknown_protocol if {
	inp := t.input_of([t.listener({"protocol": null, "default_actions": [forward]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["protocol"]} with input as inp
	gateway := t.input_of([t.listener({"protocol": null, "load_balancer_type": "gateway", "default_actions": [forward]})])
	count(rule.undecided) == 0 with input as gateway
}

classic(listeners) := t.classic_load_balancer({"listeners": listeners})

test_classic_http_fires if {
	inp := t.input_of([classic([{"protocol": "HTTP", "port": 80, "instance_protocol": "HTTP", "ssl_policy": "ELBSecurityPolicy-2016-08", "min_tls_version": "TLSv1.0"}])])
	t.paths(rule.deny) == {["listeners", 0, "protocol"]} with input as inp
}

test_classic_old_policy_fires if {
	inp := t.input_of([classic([
		{"protocol": "TCP", "port": 22, "instance_protocol": "TCP", "ssl_policy": "ELBSecurityPolicy-2016-08", "min_tls_version": "TLSv1.0"},
		{"protocol": "SSL", "port": 993, "instance_protocol": "TCP", "ssl_policy": "ELBSecurityPolicy-2016-08", "min_tls_version": "TLSv1.0"},
	])])
	t.paths(rule.deny) == {["listeners", 1, "ssl_policy"]} with input as inp
}

test_classic_tls12_passes if {
	inp := t.input_of([classic([{"protocol": "HTTPS", "port": 443, "instance_protocol": "HTTP", "ssl_policy": "ELBSecurityPolicy-TLS-1-2-2017-01", "min_tls_version": "TLSv1.2"}])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_classic_unknowns_are_undecided if {
	every tc in [
		{"listeners": null, "path": ["listeners"]},
		{"listeners": [null], "path": ["listeners", 0]},
		{"listeners": [{"protocol": "HTTPS", "port": 443, "instance_protocol": "HTTP", "ssl_policy": null, "min_tls_version": null}], "path": ["listeners", 0, "min_tls_version"]},
	] {
		inp := t.input_of([classic(tc.listeners)])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {tc.path} with input as inp
	}
}
