package rampart.rules.s3_no_public_acl_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_no_public_acl as rule

all_users := "http://acs.amazonaws.com/groups/global/AllUsers"

grant(uri, permission) := {"type": "Group", "uri": uri, "permission": permission}

test_private_bucket_passes if {
	inp := t.input_of([t.s3_bucket({})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_public_canned_acls if {
	every acl in ["public-read", "public-read-write", "authenticated-read"] {
		t.paths(rule.deny) == {["acl"]} with input as t.input_of([t.s3_bucket({"acl": acl})])
	}
}

test_other_canned_acls_pass if {
	every acl in ["private", "log-delivery-write", "bucket-owner-full-control", "aws-exec-read"] {
		count(rule.deny) == 0 with input as t.input_of([t.s3_bucket({"acl": acl})])
	}
}

test_public_grant if {
	inp := t.input_of([t.s3_bucket({"grants": [grant("", "FULL_CONTROL"), grant(all_users, "READ")]})])
	t.paths(rule.deny) == {["grants", 1]} with input as inp
}

test_authenticated_users_grant_any_case if {
	g := grant("http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "READ_ACP")
	t.paths(rule.deny) == {["grants", 0]} with input as t.input_of([t.s3_bucket({"grants": [g]})])
}

test_log_delivery_grant_passes if {
	g := grant("http://acs.amazonaws.com/groups/s3/LogDelivery", "WRITE")
	count(rule.deny) == 0 with input as t.input_of([t.s3_bucket({"grants": [g]})])
}

test_unknown_acl_is_undecided if {
	inp := t.input_of([t.s3_bucket({"acl": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["acl"]} with input as inp
}

test_unknown_grants_are_undecided if {
	inp := t.input_of([t.s3_bucket({"grants": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["grants"]} with input as inp
}

test_unknown_grant_uri_is_undecided if {
	inp := t.input_of([t.s3_bucket({"grants": [grant(null, "READ"), null]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["grants", 0], ["grants", 1]} with input as inp
}
