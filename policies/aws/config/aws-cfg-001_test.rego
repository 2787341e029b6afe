package rampart.rules.config_recorder_complete_test

import data.rampart.lib.testing as t
import data.rampart.rules.config_recorder_complete as rule

complete := {"all_supported": true, "include_global_resource_types": true, "recording_strategy": "ALL_SUPPORTED_RESOURCE_TYPES", "delivery_channel": true, "recording": true}

test_complete_recorder_passes if {
	inp := t.input_of([t.config_recorder(complete)])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_each_gap_fires if {
	every gap in ["all_supported", "include_global_resource_types", "delivery_channel", "recording"] {
		t.paths(rule.deny) == {[gap]} with input as t.input_of([t.config_recorder(object.union(complete, {gap: false}))])
	}
}

test_global_not_repeated_for_partial_recorder if {
	inp := t.input_of([t.config_recorder(object.union(complete, {"all_supported": false, "include_global_resource_types": false, "recording_strategy": "INCLUSION_BY_RESOURCE_TYPES"}))])
	t.paths(rule.deny) == {["all_supported"]} with input as inp
}

test_global_off_fires_when_all_supported_unknown if {
	inp := t.input_of([t.config_recorder(object.union(complete, {"all_supported": null, "include_global_resource_types": false}))])
	t.paths(rule.deny) == {["include_global_resource_types"]} with input as inp
	t.paths(rule.undecided) == {["all_supported"]} with input as inp
}

test_unknowns_are_undecided if {
	every gap in ["all_supported", "include_global_resource_types", "delivery_channel", "recording"] {
		inp := t.input_of([t.config_recorder(object.union(complete, {gap: null}))])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {[gap]} with input as inp
	}
}
