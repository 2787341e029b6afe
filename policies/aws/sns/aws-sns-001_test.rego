package rampart.rules.sns_encrypted_test

import data.rampart.lib.testing as t
import data.rampart.rules.sns_encrypted as rule

test_no_key if {
	t.paths(rule.deny) == {["encrypted"]} with input as t.input_of([t.sns_topic({"encrypted": false})])
}

test_key_passes if {
	inp := t.input_of([t.sns_topic({"encrypted": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.sns_topic({"encrypted": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encrypted"]} with input as inp
}
