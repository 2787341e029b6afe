package rampart.rules.iam_no_wildcard_actions_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_no_wildcard_actions as rule

stmt(props) := object.union({
	"sid": "", "effect": "Allow", "actions": [], "not_actions": [], "resources": [], "not_resources": [],
	"principals": {}, "not_principals": {}, "conditions": {},
}, props)

doc(statements) := {"version": "2012-10-17", "id": "", "statements": statements}

policy(statements) := t.iam_policy({"document": doc(statements)})

test_service_wildcards if {
	inp := t.input_of([policy([stmt({"actions": ["s3:GetObject", "s3:*", "EC2:*", "dynamodb:?*"], "resources": ["*"]})])])
	t.paths(rule.deny) == {
		["document", "statements", 0, "actions", 1],
		["document", "statements", 0, "actions", 2],
		["document", "statements", 0, "actions", 3],
	} with input as inp
}

test_star_on_narrow_resources if {
	inp := t.input_of([policy([stmt({"actions": ["*"], "resources": ["arn:aws:s3:::b/*"]})])])
	t.paths(rule.deny) == {["document", "statements", 0, "actions", 0]} with input as inp
}

test_admin_statement_is_excluded if {
	inp := t.input_of([policy([stmt({"actions": ["s3:*", "*"], "resources": ["arn:aws:s3:::b", "*"]})])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_inline_in_a_role if {
	role := t.iam_role({"policies": [{"name": "p", "document": doc([stmt({"actions": ["iam:*"], "resources": ["*"]})])}]})
	t.paths(rule.deny) == {["policies", 0, "document", "statements", 0, "actions", 0]} with input as t.input_of([role])
}

test_partial_wildcards_deny_and_trust_pass if {
	inp := t.input_of([
		policy([
			stmt({"actions": ["s3:Get*", "ec2:Describe*"], "resources": ["*"]}),
			stmt({"effect": "Deny", "actions": ["s3:*"], "resources": ["*"]}),
			stmt({"not_actions": ["s3:*"], "resources": ["*"]}),
		]),
		t.iam_role({"trust_policy": doc([stmt({"actions": ["sts:*"], "principals": {"Service": ["ec2.amazonaws.com"]}})])}),
	])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns_are_undecided if {
	inp := t.input_of([policy([
		stmt({"actions": ["*"], "resources": [null]}),
		stmt({"actions": [null], "resources": ["*"]}),
		stmt({"effect": null, "actions": ["s3:*"], "resources": ["*"]}),
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {
		["document", "statements", 0, "resources", 0],
		["document", "statements", 1, "actions", 0],
		["document", "statements", 2, "effect"],
	} with input as inp
}
