package rampart.rules.default_sg_restrict_all_test

import data.rampart.lib.testing as t
import data.rampart.rules.default_sg_restrict_all as rule

test_default_group_with_rules if {
	inp := t.input_of([t.sg({
		"is_default": true,
		"ingress": [t.rule({"protocol": "-1", "from_port": 0, "to_port": 65535, "self": true})],
		"egress": [t.rule({"cidrs": ["0.0.0.0/0"]})],
	})])
	t.paths(rule.deny) == {["ingress", 0], ["egress", 0]} with input as inp
}

test_empty_default_group_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"is_default": true})])
}

test_ordinary_group_not_judged if {
	count(rule.deny) == 0 with input as t.input_of([t.ingress([t.rule({})])])
}

test_unknown_lists_never_fire if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"is_default": true, "ingress": null, "egress": null})])
}

test_undecided_only_for_default_groups if {
	inp := t.input_of([t.sg({"is_default": true, "ingress": [], "egress": null})])
	t.paths(rule.undecided) == {["egress"]} with input as inp
	count(rule.undecided) == 0 with input as t.input_of([t.sg({"ingress": null})])
	t.paths(rule.undecided) == {["is_default"]} with input as t.input_of([t.sg({"is_default": null, "egress": [t.rule({})]})])
}

# A group that declares no rule allows no traffic, default or not: an
# Unknown is_default cannot change that.
test_no_rules_is_decided if {
	count(rule.undecided) == 0 with input as t.input_of([t.sg({"is_default": null})])
}

test_unknown_rule_is_undecided_not_a_finding if {
	inp := t.input_of([t.sg({"is_default": true, "ingress": [null], "egress": []})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["ingress", 0]} with input as inp
}
