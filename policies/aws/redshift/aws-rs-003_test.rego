package rampart.rules.redshift_require_ssl_test

import data.rampart.lib.testing as t
import data.rampart.rules.redshift_require_ssl as rule

test_ssl_not_required if {
	t.paths(rule.deny) == {["require_ssl"]} with input as t.input_of([t.redshift_cluster({"require_ssl": false})])
}

test_ssl_required_passes if {
	inp := t.input_of([t.redshift_cluster({"require_ssl": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_group_outside_scan_is_undecided if {
	inp := t.input_of([t.redshift_cluster({"require_ssl": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["require_ssl"]} with input as inp
}
