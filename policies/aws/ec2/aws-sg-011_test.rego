package rampart.rules.sg_max_ingress_rules_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_max_ingress_rules as rule

test_four_rules if {
	inp := t.input_of([t.ingress([t.rule({}), t.rule({}), t.rule({}), t.rule({})])])
	some f in rule.deny with input as inp
	f.path == ["ingress", 3]
	f.message == "security group WebSG has 4 ingress rules, more than 3"
}

test_three_rules_pass if {
	count(rule.deny) == 0 with input as t.input_of([t.ingress([t.rule({}), t.rule({}), t.rule({})])])
}

test_egress_not_counted if {
	inp := t.input_of([t.sg({"egress": [t.rule({}), t.rule({}), t.rule({}), t.rule({})]})])
	count(rule.deny) == 0 with input as inp
}

test_configured_limit if {
	inp := t.input_with_config([t.ingress([t.rule({}), t.rule({})])], {"max_ingress_rules": 1})
	t.paths(rule.deny) == {["ingress", 1]} with input as inp
}

test_external_and_unknown_skipped if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"external": true, "ingress": [t.rule({}), t.rule({}), t.rule({}), t.rule({})]})])
	count(rule.deny) == 0 with input as t.input_of([t.sg({"ingress": null})])
}

test_representative_rule_makes_the_count_unknown if {
	rules := [t.rule({}), t.rule({}), t.rule({}), t.rule({"representative": true})]
	count(rule.deny) == 0 with input as t.input_of([t.ingress(rules)])
}

test_definite_rules_over_the_limit if {
	rules := [t.rule({}), t.rule({}), t.rule({}), t.rule({}), t.rule({})]
	t.paths(rule.deny) == {["ingress", 3]} with input as t.input_of([t.ingress(rules)])
}

test_certain_rules_over_the_limit_despite_a_maybe if {
	rules := [t.rule({}), t.rule({}), t.rule({}), t.rule({}), t.rule({"present": null})]
	inp := t.input_of([t.sg({"ingress": rules, "ingress_count": null})])
	some f in rule.deny with input as inp
	f.path == ["ingress", 3]
	f.message == "security group WebSG has at least 4 ingress rules, more than 3"
}

test_maybe_rule_beyond_the_limit_not_a_finding if {
	rules := [t.rule({}), t.rule({}), t.rule({}), t.rule({"present": null})]
	count(rule.deny) == 0 with input as t.input_of([t.sg({"ingress": rules, "ingress_count": null})])
}

test_unknown_and_representative_rules_not_counted if {
	rules := [t.rule({}), t.rule({}), null, t.rule({}), t.rule({"representative": true})]
	count(rule.deny) == 0 with input as t.input_of([t.sg({"ingress": rules, "ingress_count": null})])
}
