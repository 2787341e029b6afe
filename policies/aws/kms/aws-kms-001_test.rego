package rampart.rules.kms_key_rotation_test

import data.rampart.lib.testing as t
import data.rampart.rules.kms_key_rotation as rule

test_rotation_off if {
	t.paths(rule.deny) == {["rotation_enabled"]} with input as t.input_of([t.kms_key({"rotation_enabled": false})])
}

test_rotation_on_passes if {
	inp := t.input_of([t.kms_key({"rotation_enabled": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_asymmetric_and_imported_not_judged if {
	inp := t.input_of([
		t.kms_key({"rotation_enabled": false, "key_spec": "RSA_2048"}),
		object.union(t.kms_key({"rotation_enabled": false, "origin": "EXTERNAL"}), {"uid": "template.yaml#Imported", "id": "Imported"}),
		object.union(t.kms_key({"rotation_enabled": false, "key_spec": "HMAC_256"}), {"uid": "template.yaml#Mac", "id": "Mac"}),
	])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_spec_is_undecided if {
	inp := t.input_of([t.kms_key({"rotation_enabled": false, "key_spec": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["key_spec"]} with input as inp
}
