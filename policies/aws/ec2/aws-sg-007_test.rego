package rampart.rules.sg_description_required_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_description_required as rule

test_empty_group_description if {
	t.paths(rule.deny) == {["description"]} with input as t.input_of([t.sg({"description": ""})])
}

test_terraform_placeholder if {
	t.paths(rule.deny) == {["description"]} with input as t.input_of([t.sg({"description": "Managed by Terraform"})])
}

test_rules_without_description if {
	inp := t.input_of([t.sg({
		"ingress": [t.rule({}), t.rule({"description": ""})],
		"egress": [t.rule({"description": "  "})],
	})])
	t.paths(rule.deny) == {["ingress", 1], ["egress", 0]} with input as inp
}

test_described_group_passes if {
	inp := t.input_of([t.sg({"ingress": [t.rule({})], "egress": [t.rule({"description": "to the database"})]})])
	count(rule.deny) == 0 with input as inp
}

test_external_group_rules_still_checked if {
	inp := t.input_of([t.sg({"external": true, "description": "", "ingress": [t.rule({"description": ""})]})])
	t.paths(rule.deny) == {["ingress", 0]} with input as inp
}

test_default_group_description_skipped if {
	inp := t.input_of([t.sg({"is_default": true, "description": ""})])
	count(rule.deny) == 0 with input as inp
}

test_unknowns_never_fire if {
	inp := t.input_of([t.sg({"description": null, "ingress": [t.rule({"description": null})], "egress": null})])
	count(rule.deny) == 0 with input as inp
}
