package rampart.rules.dynamodb_cmk_encryption_test

import data.rampart.lib.testing as t
import data.rampart.rules.dynamodb_cmk_encryption as rule

test_aws_owned_key if {
	t.paths(rule.deny) == {["encryption"]} with input as t.input_of([t.dynamodb_table({"encryption": "aws_owned"})])
}

test_aws_managed_key if {
	count(rule.deny) == 1 with input as t.input_of([t.dynamodb_table({"encryption": "aws_managed"})])
}

test_customer_key_passes if {
	inp := t.input_of([t.dynamodb_table({"encryption": "customer"})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.dynamodb_table({"encryption": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encryption"]} with input as inp
}
