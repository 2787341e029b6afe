package rampart.rules.iam_no_allow_notaction_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_no_allow_notaction as rule

stmt(props) := object.union({
	"sid": "", "effect": "Allow", "actions": [], "not_actions": [], "resources": [], "not_resources": [],
	"principals": {}, "not_principals": {}, "conditions": {},
}, props)

doc(statements) := {"version": "2012-10-17", "id": "", "statements": statements}

policy(statements) := t.iam_policy({"document": doc(statements)})

test_allow_not_action_and_not_resource if {
	inp := t.input_of([policy([
		stmt({"not_actions": ["iam:*"], "resources": ["*"]}),
		stmt({"actions": ["s3:GetObject"], "not_resources": ["arn:aws:s3:::secret/*"]}),
	])])
	t.paths(rule.deny) == {["document", "statements", 0, "not_actions"], ["document", "statements", 1, "not_resources"]} with input as inp
}

test_inline_in_a_user if {
	user := t.iam_user({"policies": [{"name": "p", "document": doc([stmt({"not_actions": ["iam:*"], "resources": ["*"]})])}]})
	t.paths(rule.deny) == {["policies", 0, "document", "statements", 0, "not_actions"]} with input as t.input_of([user])
}

test_deny_and_plain_allow_pass if {
	inp := t.input_of([policy([
		stmt({"effect": "Deny", "not_actions": ["iam:ListMFADevices"], "resources": ["*"]}),
		stmt({"actions": ["s3:GetObject"], "resources": ["*"]}),
	])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns_are_undecided if {
	inp := t.input_of([policy([
		stmt({"effect": null, "not_actions": ["iam:*"]}),
		stmt({"not_resources": null}),
	])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["document", "statements", 0, "effect"], ["document", "statements", 1, "not_resources"]} with input as inp
}
