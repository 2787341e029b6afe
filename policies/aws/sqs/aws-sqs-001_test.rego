package rampart.rules.sqs_encrypted_test

import data.rampart.lib.testing as t
import data.rampart.rules.sqs_encrypted as rule

test_encryption_off if {
	t.paths(rule.deny) == {["encryption"]} with input as t.input_of([t.sqs_queue({"encryption": "none"})])
}

test_encrypted_passes if {
	inp := t.input_of([t.sqs_queue({"encryption": "sqs_managed"}), object.union(t.sqs_queue({"encryption": "kms"}), {"uid": "template.yaml#Other", "id": "Other"})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.sqs_queue({"encryption": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encryption"]} with input as inp
}
