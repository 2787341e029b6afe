package rampart.rules.s3_website_via_cloudfront_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_website_via_cloudfront as rule

open_block := {"declared": true, "block_public_acls": false, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": false}

public_policy := {"version": "2012-10-17", "id": "", "statements": [{
	"sid": "", "effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
	"resources": ["arn:aws:s3:::site/*"], "not_resources": [],
	"principals": {"AWS": ["*"]}, "not_principals": {}, "conditions": {},
}]}

test_public_policy_website if {
	b := t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": open_block})
	t.paths(rule.deny) == {["website"]} with input as t.input_of([b])
}

test_public_acl_website if {
	b := t.s3_bucket({"website": true, "acl": "public-read", "object_ownership": "ObjectWriter", "public_access_block": open_block})
	t.paths(rule.deny) == {["website"]} with input as t.input_of([b])
}

test_defaults_block_public_access if {
	inp := t.input_of([t.s3_bucket({"website": true, "policy": public_policy, "acl": "public-read"})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_acls_disabled_pass if {
	b := t.s3_bucket({"website": true, "acl": "public-read", "public_access_block": open_block})
	count(rule.deny) == 0 with input as t.input_of([b])
}

test_no_website_passes if {
	b := t.s3_bucket({"policy": public_policy, "public_access_block": open_block})
	count(rule.deny) == 0 with input as t.input_of([b])
}

test_unknown_block_is_undecided if {
	inp := t.input_of([t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["public_access_block"]} with input as inp
}

test_unknown_website_is_undecided if {
	inp := t.input_of([t.s3_bucket({"website": null, "policy": public_policy, "public_access_block": open_block})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["website"]} with input as inp
}
