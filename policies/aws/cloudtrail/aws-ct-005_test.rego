package rampart.rules.cloudtrail_cloudwatch_logs_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudtrail_cloudwatch_logs as rule

test_off_fires if {
	t.paths(rule.deny) == {["cloud_watch_logs"]} with input as t.input_of([t.cloudtrail_trail({"cloud_watch_logs": false})])
}

test_on_passes if {
	inp := t.input_of([t.cloudtrail_trail({"cloud_watch_logs": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.cloudtrail_trail({"cloud_watch_logs": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["cloud_watch_logs"]} with input as inp
}

test_each_trail_judged_alone if {
	other := object.union(t.cloudtrail_trail({"cloud_watch_logs": false}), {"uid": "template.yaml#Other", "id": "Other"})
	inp := t.input_of([t.cloudtrail_trail({"cloud_watch_logs": true}), other])
	{f.uid | some f in rule.deny} == {"template.yaml#Other"} with input as inp
}
