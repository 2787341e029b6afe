package rampart.rules.elb_access_logs_test

import data.rampart.lib.testing as t
import data.rampart.rules.elb_access_logs as rule

test_no_access_logs if {
	every lb in [
		t.load_balancer({"access_logs": false}),
		t.load_balancer({"type": "network", "access_logs": false}),
		t.classic_load_balancer({"access_logs": false}),
	] {
		t.paths(rule.deny) == {["access_logs"]} with input as t.input_of([lb])
	}
}

test_access_logs_pass if {
	inp := t.input_of([t.load_balancer({"access_logs": true}), t.classic_load_balancer({"access_logs": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_gateway_load_balancer_not_judged if {
	inp := t.input_of([t.load_balancer({"type": "gateway", "access_logs": false})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_logging_is_undecided if {
	every lb in [t.load_balancer({"access_logs": null}), t.classic_load_balancer({"access_logs": null})] {
		count(rule.deny) == 0 with input as t.input_of([lb])
		t.paths(rule.undecided) == {["access_logs"]} with input as t.input_of([lb])
	}
}

test_unknown_type_is_undecided if {
	inp := t.input_of([t.load_balancer({"type": null, "access_logs": false})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["type"]} with input as inp
}
