package rampart.rules.s3_lifecycle_configured_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_lifecycle_configured as rule

test_no_lifecycle if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.s3_bucket({})])
}

test_lifecycle_passes if {
	inp := t.input_of([t.s3_bucket({"lifecycle_configured": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.s3_bucket({"lifecycle_configured": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["lifecycle_configured"]} with input as inp
}
