package rampart.rules.iam_no_user_attached_policies_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_no_user_attached_policies as rule

link(identity, present) := {"identity": identity, "origin": "Attach", "present": present}

test_policy_attached_to_users if {
	inp := t.input_of([t.iam_policy({"users": [link("ops", true), link(null, true)], "groups": [link("admins", true)]})])
	t.paths(rule.deny) == {["users", 0], ["users", 1]} with input as inp
}

test_user_with_inline_and_managed_policies if {
	inp := t.input_of([t.iam_user({
		"policies": [{"name": "p", "document": null}],
		"attached_policies": [{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "origin": "Ops", "present": true}],
	})])
	t.paths(rule.deny) == {["policies", 0], ["attached_policies", 0]} with input as inp
}

test_groups_and_roles_pass if {
	inp := t.input_of([
		t.iam_policy({"groups": [link("admins", true)], "roles": [link("app", true)]}),
		t.iam_user({}),
	])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns_are_undecided if {
	inp := t.input_of([
		t.iam_policy({"users": null}),
		t.iam_user({"policies": [null], "attached_policies": null}),
	])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["users"], ["policies", 0], ["attached_policies"]} with input as inp
}
