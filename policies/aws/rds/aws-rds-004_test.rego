package rampart.rules.rds_require_tls_test

import data.rampart.lib.testing as t
import data.rampart.rules.rds_require_tls as rule

test_group_without_tls if {
	inp := t.input_of([t.db_instance({"tls_parameter": "rds.force_ssl", "tls_required": false})])
	t.paths(rule.deny) == {["tls_required"]} with input as inp
}

test_group_with_tls_passes if {
	inp := t.input_of([t.db_cluster({"tls_parameter": "require_secure_transport", "tls_required": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# Oracle forces TLS through an option group: not judged.
test_engine_without_parameter_not_judged if {
	inp := t.input_of([t.db_instance({"engine": "oracle-ee", "tls_parameter": "", "tls_required": false})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_cluster_member_not_judged if {
	inp := t.input_of([t.db_instance({"tls_parameter": "rds.force_ssl", "tls_required": false, "cluster_member": true})])
	count(rule.deny) == 0 with input as inp
}

# A group outside the scan: undecided.
test_unknown_group_is_undecided if {
	inp := t.input_of([t.db_instance({"tls_parameter": "rds.force_ssl", "tls_required": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["tls_required"]} with input as inp
}

test_unknown_engine_is_undecided if {
	inp := t.input_of([t.db_cluster({"tls_parameter": null, "tls_required": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["tls_parameter"]} with input as inp
}
