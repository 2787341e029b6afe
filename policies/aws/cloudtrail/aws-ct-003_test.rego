package rampart.rules.cloudtrail_log_validation_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudtrail_log_validation as rule

test_off_fires if {
	t.paths(rule.deny) == {["log_file_validation"]} with input as t.input_of([t.cloudtrail_trail({"log_file_validation": false})])
}

test_on_passes if {
	inp := t.input_of([t.cloudtrail_trail({"log_file_validation": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.cloudtrail_trail({"log_file_validation": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["log_file_validation"]} with input as inp
}

test_each_trail_judged_alone if {
	other := object.union(t.cloudtrail_trail({"log_file_validation": false}), {"uid": "template.yaml#Other", "id": "Other"})
	inp := t.input_of([t.cloudtrail_trail({"log_file_validation": true}), other])
	{f.uid | some f in rule.deny} == {"template.yaml#Other"} with input as inp
}
