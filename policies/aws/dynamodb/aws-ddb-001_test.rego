package rampart.rules.dynamodb_point_in_time_recovery_test

import data.rampart.lib.testing as t
import data.rampart.rules.dynamodb_point_in_time_recovery as rule

test_recovery_off if {
	t.paths(rule.deny) == {["point_in_time_recovery"]} with input as t.input_of([t.dynamodb_table({"point_in_time_recovery": false})])
}

test_recovery_on_passes if {
	inp := t.input_of([t.dynamodb_table({"point_in_time_recovery": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.dynamodb_table({"point_in_time_recovery": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["point_in_time_recovery"]} with input as inp
}
