package rampart.rules.rds_not_publicly_accessible_test

import data.rampart.lib.testing as t
import data.rampart.rules.rds_not_publicly_accessible as rule

test_public_instance if {
	t.paths(rule.deny) == {["publicly_accessible"]} with input as t.input_of([t.db_instance({"publicly_accessible": true})])
}

test_private_instance_passes if {
	inp := t.input_of([t.db_instance({"publicly_accessible": false})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# Aurora instances have endpoints of their own: they are judged too.
test_public_cluster_member if {
	count(rule.deny) == 1 with input as t.input_of([t.db_instance({"publicly_accessible": true, "cluster_member": true})])
}

test_unknown_is_undecided if {
	inp := t.input_of([t.db_instance({"publicly_accessible": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["publicly_accessible"]} with input as inp
}
