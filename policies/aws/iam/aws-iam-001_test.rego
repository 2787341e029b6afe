package rampart.rules.iam_no_admin_policy_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_no_admin_policy as rule

stmt(props) := object.union({
	"sid": "", "effect": "Allow", "actions": [], "not_actions": [], "resources": [], "not_resources": [],
	"principals": {}, "not_principals": {}, "conditions": {},
}, props)

doc(statements) := {"version": "2012-10-17", "id": "", "statements": statements}

policy(statements) := t.iam_policy({"document": doc(statements)})

test_star_on_star if {
	inp := t.input_of([policy([stmt({"actions": ["*"], "resources": ["*"]})])])
	t.paths(rule.deny) == {["document", "statements", 0, "actions", 0]} with input as inp
}

test_wildcard_only_patterns if {
	every a in ["*:*", "**", "*:?*"] {
		inp := t.input_of([policy([stmt({"actions": ["s3:GetObject", a], "resources": ["arn:aws:s3:::b", "*"]})])])
		t.paths(rule.deny) == {["document", "statements", 0, "actions", 1]} with input as inp
	}
}

test_inline_policy_of_a_role if {
	role := t.iam_role({"policies": [{"name": "admin", "document": doc([stmt({}), stmt({"actions": ["*"], "resources": ["*"]})])}]})
	t.paths(rule.deny) == {["policies", 0, "document", "statements", 1, "actions", 0]} with input as t.input_of([role])
}

test_user_and_group if {
	p := {"policies": [{"name": "admin", "document": doc([stmt({"actions": ["*"], "resources": ["*"]})])}]}
	count(rule.deny) == 1 with input as t.input_of([t.iam_user(p)])
	count(rule.deny) == 1 with input as t.input_of([t.iam_group(p)])
}

test_deny_and_scoped_pass if {
	inp := t.input_of([policy([
		stmt({"effect": "Deny", "actions": ["*"], "resources": ["*"]}),
		stmt({"actions": ["*"], "resources": ["arn:aws:s3:::b/*"]}),
		stmt({"actions": ["s3:*"], "resources": ["*"]}),
		stmt({"not_actions": ["iam:*"], "resources": ["*"]}),
	])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_trust_policy_is_not_read if {
	role := t.iam_role({"trust_policy": doc([stmt({"actions": ["*"], "resources": ["*"], "principals": {"AWS": ["*"]}})])})
	count(rule.deny) == 0 with input as t.input_of([role])
}

test_unknowns_are_undecided if {
	inp := t.input_of([policy([
		stmt({"effect": null, "actions": ["*"], "resources": ["*"]}),
		stmt({"actions": [null], "resources": ["*"]}),
		stmt({"actions": ["*"], "resources": null}),
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {
		["document", "statements", 0, "effect"],
		["document", "statements", 1, "actions", 0],
		["document", "statements", 2, "resources"],
	} with input as inp
}

test_unknown_documents_are_undecided if {
	inp := t.input_of([
		t.iam_policy({"document": null}),
		t.iam_role({"policies": [null, {"name": "x", "document": doc(null)}]}),
	])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["document"], ["policies", 0], ["policies", 1, "document", "statements"]} with input as inp
}
