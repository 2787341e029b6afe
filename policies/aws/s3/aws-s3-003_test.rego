package rampart.rules.s3_no_public_policy_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_no_public_policy as rule

statement(overrides) := object.union({
	"sid": "", "effect": "Allow", "actions": ["s3:GetObject"], "not_actions": [],
	"resources": ["arn:aws:s3:::b/*"], "not_resources": [],
	"principals": {"AWS": ["*"]}, "not_principals": {}, "conditions": {},
}, overrides)

bucket(statements) := t.s3_bucket({"policy": {"version": "2012-10-17", "id": "", "statements": statements}})

test_public_statement if {
	t.paths(rule.deny) == {["policy", "statements", 1]} with input as t.input_of([bucket([
		statement({"principals": {"AWS": ["arn:aws:iam::111122223333:root"]}}),
		statement({}),
	])])
}

test_restricting_conditions_pass if {
	every c in [
		{"StringEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d"]}},
		{"StringEquals": {"AWS:PrincipalOrgID": ["o-abc"]}},
		{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}},
		{"ArnLike": {"aws:SourceArn": ["arn:aws:cloudfront::111122223333:distribution/E1"]}},
		{"StringEquals": {"aws:SourceAccount": [null]}},
	] {
		count(rule.deny) == 0 with input as t.input_of([bucket([statement({"conditions": c})])])
	}
}

test_conditions_that_do_not_restrict if {
	every c in [
		{"StringNotEquals": {"aws:SourceVpce": ["vpce-1a2b3c4d"]}},
		{"StringEqualsIfExists": {"aws:SourceVpce": ["vpce-1a2b3c4d"]}},
		{"IpAddress": {"aws:SourceIp": ["0.0.0.0/0"]}},
		{"StringLike": {"aws:SourceArn": ["*"]}},
		{"Bool": {"aws:SecureTransport": ["true"]}},
	] {
		t.paths(rule.deny) == {["policy", "statements", 0]} with input as t.input_of([bucket([statement({"conditions": c})])])
	}
}

test_deny_statement_passes if {
	count(rule.deny) == 0 with input as t.input_of([bucket([statement({"effect": "Deny"})])])
}

test_service_principal_passes if {
	count(rule.deny) == 0 with input as t.input_of([bucket([object.union(object.remove(statement({}), ["principals"]), {"principals": {"Service": ["cloudfront.amazonaws.com"]}})])])
}

test_unknown_policy_is_undecided if {
	inp := t.input_of([t.s3_bucket({"policy": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy"]} with input as inp
}

test_unknown_principal_is_undecided if {
	inp := t.input_of([bucket([statement({"principals": {"AWS": [null]}})])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy", "statements", 0, "principals"]} with input as inp
}

test_unknown_effect_is_undecided if {
	inp := t.input_of([bucket([statement({"effect": null})])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy", "statements", 0]} with input as inp
}

test_unknown_service_principal_passes if {
	inp := t.input_of([bucket([object.union(object.remove(statement({}), ["principals"]), {"principals": {"CanonicalUser": [null]}})])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_access_point_delegation_passes if {
	c := {"StringEquals": {"s3:DataAccessPointAccount": ["111122223333"]}}
	count(rule.deny) == 0 with input as t.input_of([bucket([statement({"conditions": c})])])
}
