package rampart.rules.elasticache_encryption_test

import data.rampart.lib.testing as t
import data.rampart.rules.elasticache_encryption as rule

test_both_off if {
	inp := t.input_of([t.elasticache_replication_group({"at_rest_encryption": false, "transit_encryption": false})])
	t.paths(rule.deny) == {["at_rest_encryption"], ["transit_encryption"]} with input as inp
}

test_transit_only_off if {
	inp := t.input_of([t.elasticache_replication_group({"at_rest_encryption": true, "transit_encryption": false})])
	t.paths(rule.deny) == {["transit_encryption"]} with input as inp
}

test_both_on_passes if {
	inp := t.input_of([t.elasticache_replication_group({"at_rest_encryption": true, "transit_encryption": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.elasticache_replication_group({"at_rest_encryption": null, "transit_encryption": true})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["at_rest_encryption"]} with input as inp
}
