package rampart.rules.iam_trust_policy_restricted_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_trust_policy_restricted as rule

stmt(props) := object.union({
	"sid": "", "effect": "Allow", "actions": ["sts:AssumeRole"], "not_actions": [], "resources": [], "not_resources": [],
	"principals": {}, "not_principals": {}, "conditions": {},
}, props)

role(statements) := t.iam_role({"trust_policy": {"version": "2012-10-17", "id": "", "statements": statements}})

own := {"own_account_ids": ["111122223333"]}

test_anyone if {
	inp := t.input_of([role([stmt({"principals": {"AWS": ["*"]}})])])
	t.paths(rule.deny) == {["trust_policy", "statements", 0, "principals", "AWS", 0]} with input as inp
}

test_secure_transport_does_not_restrict if {
	cond := {"Bool": {"aws:SecureTransport": ["true"]}}
	inp := t.input_of([role([stmt({"principals": {"AWS": ["*"]}, "conditions": cond})])])
	count(rule.deny) == 1 with input as inp
}

test_restricting_conditions if {
	every cond in [
		{"StringEquals": {"sts:ExternalId": ["x-123"]}},
		{"Bool": {"aws:MultiFactorAuthPresent": ["true"]}},
		{"StringEquals": {"aws:PrincipalOrgID": ["o-abc"]}},
	] {
		count(rule.deny) == 0 with input as t.input_of([role([stmt({"principals": {"AWS": ["*"]}, "conditions": cond})])])
	}
}

test_mfa_false_or_not_equals_do_not_restrict if {
	every cond in [
		{"Bool": {"aws:MultiFactorAuthPresent": ["false"]}},
		{"StringNotEquals": {"aws:PrincipalOrgID": ["o-abc"]}},
	] {
		count(rule.deny) == 1 with input as t.input_of([role([stmt({"principals": {"AWS": ["*"]}, "conditions": cond})])])
	}
}

test_cross_account_needs_own_accounts if {
	inp := t.input_of([role([stmt({"principals": {"AWS": ["arn:aws:iam::444455556666:root", "111122223333", "arn:aws:iam::111122223333:role/ci"]}})])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.deny) == {["trust_policy", "statements", 0, "principals", "AWS", 0]} with input as object.union(inp, {"config": own})
}

test_cross_account_with_external_id_passes if {
	cond := {"StringEquals": {"sts:ExternalId": ["partner-42"]}}
	inp := t.input_with_config([role([stmt({"principals": {"AWS": ["444455556666"]}, "conditions": cond})])], own)
	count(rule.deny) == 0 with input as inp
}

test_services_and_deny_pass if {
	inp := t.input_with_config([role([
		stmt({"principals": {"Service": ["ec2.amazonaws.com"]}}),
		stmt({"effect": "Deny", "principals": {"AWS": ["*"]}}),
	])], own)
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns if {
	inp := t.input_of([role([stmt({"principals": {"AWS": [null]}})])])
	count(rule.undecided) == 0 with input as inp
	t.paths(rule.undecided) == {["trust_policy", "statements", 0, "principals", "AWS", 0]} with input as object.union(inp, {"config": own})
	inp2 := t.input_of([role([stmt({"effect": null, "principals": {"AWS": ["*"]}})])])
	t.paths(rule.undecided) == {["trust_policy", "statements", 0, "effect"]} with input as inp2
}

test_unknown_condition_values_are_undecided if {
	cond := {"StringEquals": {"sts:ExternalId": null}}
	inp := t.input_with_config([role([stmt({"principals": {"AWS": ["444455556666", "*"]}, "conditions": cond})])], own)
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["trust_policy", "statements", 0, "conditions"]} with input as inp
}
