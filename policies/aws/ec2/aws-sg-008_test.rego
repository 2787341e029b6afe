package rampart.rules.sg_naming_convention_test

import data.rampart.lib.testing as t
import data.rampart.rules.sg_naming_convention as rule

test_bad_names if {
	every name in ["WebSG", "web", "web_sg", "-web-sg", "web-sg-", "web--sg", "1web-sg", "Web-sg"] {
		t.paths(rule.deny) == {["name"]} with input as t.input_of([t.sg({"name": name})])
	}
}

test_good_names if {
	every name in ["web-sg", "prod-db-mysql", "a-b", "app2-alb"] {
		count(rule.deny) == 0 with input as t.input_of([t.sg({"name": name})])
	}
}

test_unnamed_default_external_skipped if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"name": ""})])
	count(rule.deny) == 0 with input as t.input_of([t.sg({"name": "default", "is_default": true})])
	count(rule.deny) == 0 with input as t.input_of([t.sg({"name": "Ext", "external": true})])
}

test_configured_pattern if {
	inp := t.input_with_config([t.sg({"name": "sg-web"})], {"security_group_name_pattern": "^sg-[a-z]+$"})
	count(rule.deny) == 0 with input as inp
	inp2 := t.input_with_config([t.sg({"name": "web-sg"})], {"security_group_name_pattern": "^sg-[a-z]+$"})
	t.paths(rule.deny) == {["name"]} with input as inp2
}

test_unknown_name_never_fires if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"name": null})])
}
