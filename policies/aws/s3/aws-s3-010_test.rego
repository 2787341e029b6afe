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

account_block(props) := object.union({"declared": true, "block_public_acls": false, "block_public_policy": false, "ignore_public_acls": false, "restrict_public_buckets": false}, props)

test_account_block_restricts_public_buckets if {
	b := t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": open_block, "account_public_access_block": account_block({"restrict_public_buckets": true})})
	inp := t.input_of([b])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_account_block_ignores_public_acls if {
	b := t.s3_bucket({"website": true, "acl": "public-read", "object_ownership": "ObjectWriter", "public_access_block": open_block, "account_public_access_block": account_block({"ignore_public_acls": true})})
	inp := t.input_of([b])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# An account block that blocks ACLs leaves a public policy public.
test_account_block_of_acls_leaves_policy if {
	b := t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": open_block, "account_public_access_block": account_block({"block_public_acls": true, "ignore_public_acls": true})})
	t.paths(rule.deny) == {["website"]} with input as t.input_of([b])
}

test_declared_open_account_block_fires if {
	b := t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": open_block, "account_public_access_block": account_block({})})
	t.paths(rule.deny) == {["website"]} with input as t.input_of([b])
}

test_unknown_account_block_is_undecided if {
	inp := t.input_of([t.s3_bucket({"website": true, "policy": public_policy, "public_access_block": open_block, "account_public_access_block": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["account_public_access_block"]} with input as inp
}
