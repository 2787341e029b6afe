package rampart.rules.s3_mfa_delete_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_mfa_delete as rule

test_trail_bucket_without_mfa_delete if {
	t.paths(rule.deny) == {["mfa_delete"]} with input as t.input_of([t.s3_bucket({"receives_cloudtrail": true})])
}

test_trail_bucket_with_mfa_delete_passes if {
	inp := t.input_of([t.s3_bucket({"receives_cloudtrail": true, "mfa_delete": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_other_buckets_not_judged if {
	inp := t.input_of([t.s3_bucket({"mfa_delete": null})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_maybe_trail_is_undecided if {
	inp := t.input_of([t.s3_bucket({"receives_cloudtrail": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["receives_cloudtrail"]} with input as inp
}

test_unknown_mfa_delete_is_undecided if {
	inp := t.input_of([t.s3_bucket({"receives_cloudtrail": true, "mfa_delete": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["mfa_delete"]} with input as inp
}
