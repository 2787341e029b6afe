package rampart.rules.rds_storage_encrypted_test

import data.rampart.lib.testing as t
import data.rampart.rules.rds_storage_encrypted as rule

test_unencrypted_instance if {
	t.paths(rule.deny) == {["storage_encrypted"]} with input as t.input_of([t.db_instance({"storage_encrypted": false})])
}

test_encrypted_instance_passes if {
	inp := t.input_of([t.db_instance({"storage_encrypted": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# An Aurora instance's storage is the cluster's: only the cluster is judged.
test_cluster_member_not_judged if {
	inp := t.input_of([t.db_instance({"storage_encrypted": false, "cluster_member": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unencrypted_cluster if {
	t.paths(rule.deny) == {["storage_encrypted"]} with input as t.input_of([t.db_cluster({"storage_encrypted": false})])
}

test_encrypted_cluster_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.db_cluster({"storage_encrypted": true})])
}

# Restored from a snapshot: the snapshot's encryption, Unknown.
test_unknown_is_undecided if {
	inp := t.input_of([t.db_instance({"storage_encrypted": null}), t.db_cluster({"storage_encrypted": null})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 2 with input as inp
}
