package rampart.rules.redshift_not_publicly_accessible_test

import data.rampart.lib.testing as t
import data.rampart.rules.redshift_not_publicly_accessible as rule

test_public if {
	t.paths(rule.deny) == {["publicly_accessible"]} with input as t.input_of([t.redshift_cluster({"publicly_accessible": true})])
}

test_private_passes if {
	inp := t.input_of([t.redshift_cluster({"publicly_accessible": false})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.redshift_cluster({"publicly_accessible": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["publicly_accessible"]} with input as inp
}
