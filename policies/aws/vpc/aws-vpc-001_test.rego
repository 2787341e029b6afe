package rampart.rules.vpc_flow_logs_enabled_test

import data.rampart.lib.testing as t
import data.rampart.rules.vpc_flow_logs_enabled as rule

flow_log(present) := {
	"traffic_type": "ALL",
	"destination_type": "cloud-watch-logs",
	"origin": {"id": "aws_flow_log.this", "type": "aws_flow_log"},
	"present": present,
}

test_vpc_without_flow_log if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.vpc({})])
}

test_vpc_with_flow_log_passes if {
	inp := t.input_of([t.vpc({"flow_logs": [flow_log(true)]})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# Any traffic type counts: REJECT-only logging is what CIS asks at least.
test_reject_only_flow_log_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.vpc({"flow_logs": [object.union(flow_log(true), {"traffic_type": "REJECT"})]})])
}

# count = var.enable ? 1 : 0 with the variable unset: the flow log may not
# exist.
test_maybe_flow_log_is_undecided if {
	inp := t.input_of([t.vpc({"flow_logs": [flow_log(null)]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["flow_logs", 0]} with input as inp
}

# A certain flow log decides, whatever else may exist.
test_certain_beats_maybe if {
	inp := t.input_of([t.vpc({"flow_logs": [flow_log(null), flow_log(true)]})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_list_is_undecided if {
	inp := t.input_of([t.vpc({"flow_logs": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["flow_logs"]} with input as inp
}

test_unknown_element_is_undecided if {
	inp := t.input_of([t.vpc({"flow_logs": [null]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["flow_logs", 0]} with input as inp
}

test_each_vpc_judged if {
	a := t.vpc({})
	b := object.union(t.vpc({"flow_logs": [flow_log(true)]}), {"uid": "template.yaml#Other", "id": "Other"})
	count(rule.deny) == 1 with input as t.input_of([a, b])
}
