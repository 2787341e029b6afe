package acme.rules.sg_owner_tag_test

import data.acme.rules.sg_owner_tag as rule
import data.rampart.lib.testing as t

test_missing_owner if {
	t.paths(rule.deny) == {["tags"]} with input as t.input_of([t.sg({"tags": {"Name": "web"}})])
}

test_foreign_owner if {
	count(rule.deny) == 1 with input as t.input_of([t.sg({"tags": {"Owner": "me@gmail.com"}})])
}

test_company_owner if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"tags": {"Owner": "Web-Team@Example.com"}})])
}

test_configured_domain if {
	inp := t.input_with_config([t.sg({"tags": {"Owner": "ops@acme.test"}})], {"acme_owner_domain": "acme.test"})
	count(rule.deny) == 0 with input as inp
}

test_unknown_owner if {
	count(rule.deny) == 0 with input as t.input_of([t.sg({"tags": {"Owner": null}})])
}
