package rampart.rules.iam_strong_password_policy_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_strong_password_policy as rule

test_strict_policy_passes if {
	inp := t.input_of([t.password_policy({})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_every_default_falls_short if {
	inp := t.input_of([t.password_policy({
		"minimum_password_length": 6, "require_uppercase_characters": false, "require_lowercase_characters": false,
		"require_numbers": false, "require_symbols": false, "password_reuse_prevention": 0, "max_password_age": 0,
	})])
	t.paths(rule.deny) == {
		["minimum_password_length"], ["require_uppercase_characters"], ["require_lowercase_characters"],
		["require_numbers"], ["require_symbols"], ["password_reuse_prevention"], ["max_password_age"],
	} with input as inp
}

test_limits if {
	count(rule.deny) == 0 with input as t.input_of([t.password_policy({"minimum_password_length": 20, "password_reuse_prevention": 24, "max_password_age": 1})])
	t.paths(rule.deny) == {["minimum_password_length"], ["max_password_age"]} with input as t.input_of([t.password_policy({"minimum_password_length": 13, "max_password_age": 91})])
}

test_unknowns_are_undecided if {
	inp := t.input_of([t.password_policy({"minimum_password_length": null, "require_symbols": null, "max_password_age": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["minimum_password_length"], ["require_symbols"], ["max_password_age"]} with input as inp
}
