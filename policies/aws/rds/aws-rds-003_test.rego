package rampart.rules.rds_backup_retention_test

import data.rampart.lib.testing as t
import data.rampart.rules.rds_backup_retention as rule

test_default_one_day if {
	t.paths(rule.deny) == {["backup_retention_period"]} with input as t.input_of([t.db_instance({"backup_retention_period": 1})])
}

test_backups_off if {
	count(rule.deny) == 1 with input as t.input_of([t.db_cluster({"backup_retention_period": 0})])
}

# 6 fires, 7 passes.
test_boundary if {
	count(rule.deny) == 1 with input as t.input_of([t.db_instance({"backup_retention_period": 6})])
	inp := t.input_of([t.db_instance({"backup_retention_period": 7}), t.db_cluster({"backup_retention_period": 35})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_members_and_replicas_not_judged if {
	inp := t.input_of([
		t.db_instance({"backup_retention_period": 0, "cluster_member": true}),
		object.union(t.db_instance({"backup_retention_period": 0, "read_replica": true}), {"uid": "template.yaml#Replica", "id": "Replica"}),
	])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.db_instance({"backup_retention_period": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["backup_retention_period"]} with input as inp
}
