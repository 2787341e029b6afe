package rampart.rules.s3_public_access_block_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_public_access_block as rule

all_on := {"declared": true, "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

test_no_block_declared if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.s3_bucket({})])
}

test_all_four_on_passes if {
	inp := t.input_of([t.s3_bucket({"public_access_block": all_on})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_each_setting_off if {
	every s in rule.settings {
		inp := t.input_of([t.s3_bucket({"public_access_block": object.union(all_on, {s: false})})])
		t.paths(rule.deny) == {["public_access_block", s]} with input as inp
	}
}

test_unknown_setting_is_undecided if {
	inp := t.input_of([t.s3_bucket({"public_access_block": object.union(all_on, {"restrict_public_buckets": null})})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["public_access_block", "restrict_public_buckets"]} with input as inp
}

test_maybe_block_is_undecided if {
	inp := t.input_of([t.s3_bucket({"public_access_block": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["public_access_block"]} with input as inp
}
