package rampart.rules.cloudtrail_bucket_protected_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudtrail_bucket_protected as rule

private := {"declared": true, "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}

# A trail bucket that is private and logged.
trail_bucket(props) := t.s3_bucket(object.union({"receives_cloudtrail": true, "public_access_block": private, "access_logging": true}, props))

public_statement := {
	"sid": "", "effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
	"resources": ["arn:aws:s3:::trail/*"], "not_resources": [],
	"principals": {"AWS": ["*"]}, "not_principals": {}, "conditions": {},
}

test_private_logged_bucket_passes if {
	inp := t.input_of([trail_bucket({})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_each_public_way_fires if {
	every props_paths in [
		[{"acl": "public-read"}, {["acl"]}],
		[{"grants": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers", "permission": "READ"}]}, {["grants", 0]}],
		[{"public_access_block": object.union(private, {"ignore_public_acls": false})}, {["public_access_block", "ignore_public_acls"]}],
		[{"public_access_block": object.union(private, {"declared": false})}, {[]}],
		[{"policy": {"version": "2012-10-17", "id": "", "statements": [public_statement]}}, {["policy", "statements", 0]}],
		[{"access_logging": false}, {[]}],
	] {
		t.paths(rule.deny) == props_paths[1] with input as t.input_of([trail_bucket(props_paths[0])])
	}
}

test_other_buckets_not_judged if {
	inp := t.input_of([t.s3_bucket({"receives_cloudtrail": false, "acl": "public-read", "access_logging": false})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_log_target_trail_bucket_exempt_from_logging if {
	inp := t.input_of([trail_bucket({"access_logging": false, "log_target": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_maybe_trail_is_undecided if {
	inp := t.input_of([trail_bucket({"receives_cloudtrail": null, "acl": "public-read"})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["receives_cloudtrail"]} with input as inp
}

test_unknown_setting_is_undecided if {
	inp := t.input_of([trail_bucket({"access_logging": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["access_logging"]} with input as inp
}

test_unknown_bucket_of_trail_is_undecided if {
	inp := t.input_of([t.cloudtrail_trail({"bucket": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["bucket"]} with input as inp
}

test_trail_with_bucket_of_scan_or_outside_is_decided if {
	in_scan := object.union(t.cloudtrail_trail({"bucket": null}), {"refs": [{"path": ["bucket"], "resource": "template.yaml#Bucket", "attribute": ""}]})
	outside := object.union(t.cloudtrail_trail({"bucket": ""}), {"uid": "template.yaml#Other", "id": "Other"})
	inp := t.input_of([in_scan, outside])
	count(rule.undecided) == 0 with input as inp
}
