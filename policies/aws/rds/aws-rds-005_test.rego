package rampart.rules.rds_deletion_protection_test

import data.rampart.lib.testing as t
import data.rampart.rules.rds_deletion_protection as rule

test_unprotected if {
	inp := t.input_of([t.db_instance({"deletion_protection": false}), t.db_cluster({"deletion_protection": false})])
	count(rule.deny) == 2 with input as inp
}

test_protected_passes if {
	inp := t.input_of([t.db_instance({"deletion_protection": true}), t.db_cluster({"deletion_protection": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_cluster_member_not_judged if {
	count(rule.deny) == 0 with input as t.input_of([t.db_instance({"deletion_protection": false, "cluster_member": true})])
}

test_unknown_is_undecided if {
	inp := t.input_of([t.db_cluster({"deletion_protection": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["deletion_protection"]} with input as inp
}
