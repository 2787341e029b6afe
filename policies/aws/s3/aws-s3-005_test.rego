package rampart.rules.s3_versioning_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_versioning as rule

test_disabled_and_suspended if {
	every s in ["Disabled", "Suspended"] {
		t.paths(rule.deny) == {["versioning"]} with input as t.input_of([t.s3_bucket({"versioning": s})])
	}
}

test_enabled_passes if {
	inp := t.input_of([t.s3_bucket({"versioning": "Enabled"})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.s3_bucket({"versioning": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["versioning"]} with input as inp
}
