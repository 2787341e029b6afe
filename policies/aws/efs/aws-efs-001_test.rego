package rampart.rules.efs_encrypted_test

import data.rampart.lib.testing as t
import data.rampart.rules.efs_encrypted as rule

test_unencrypted if {
	t.paths(rule.deny) == {["encrypted"]} with input as t.input_of([t.efs_file_system({"encrypted": false})])
}

test_encrypted_passes if {
	inp := t.input_of([t.efs_file_system({"encrypted": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.efs_file_system({"encrypted": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encrypted"]} with input as inp
}
