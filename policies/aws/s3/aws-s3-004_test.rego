package rampart.rules.s3_default_encryption_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_default_encryption as rule

test_not_configured if {
	t.paths(rule.deny) == {["encryption"]} with input as t.input_of([t.s3_bucket({})])
}

test_sse_s3_configured_passes if {
	inp := t.input_of([t.s3_bucket({"encryption": {"configured": true, "algorithm": "AES256"}})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_require_kms if {
	b := t.s3_bucket({"encryption": {"configured": true, "algorithm": "AES256"}})
	t.paths(rule.deny) == {["encryption", "algorithm"]} with input as t.input_with_config([b], {"s3_require_kms": true})
}

test_require_kms_passes_kms if {
	every alg in ["aws:kms", "aws:kms:dsse"] {
		b := t.s3_bucket({"encryption": {"configured": true, "algorithm": alg}})
		count(rule.deny) == 0 with input as t.input_with_config([b], {"s3_require_kms": true})
	}
}

test_unknown_is_undecided if {
	inp := t.input_of([t.s3_bucket({"encryption": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encryption"]} with input as inp
}

test_unknown_algorithm_with_kms_required if {
	inp := t.input_with_config([t.s3_bucket({"encryption": {"configured": true, "algorithm": null}})], {"s3_require_kms": true})
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encryption", "algorithm"]} with input as inp
}
