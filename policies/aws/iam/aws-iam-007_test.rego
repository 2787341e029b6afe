package rampart.rules.iam_mfa_for_privileged_access_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_mfa_for_privileged_access as rule

stmt(props) := object.union({
	"sid": "", "effect": "Allow", "actions": [], "not_actions": [], "resources": ["*"], "not_resources": [],
	"principals": {}, "not_principals": {}, "conditions": {},
}, props)

doc(statements) := {"version": "2012-10-17", "id": "", "statements": statements}

link(identity) := {"identity": identity, "origin": "Attach", "present": true}

guard := stmt({
	"effect": "Deny", "not_actions": ["iam:ListMFADevices"],
	"conditions": {"BoolIfExists": {"aws:MultiFactorAuthPresent": ["false"]}},
})

test_admin_policy_on_a_group if {
	inp := t.input_of([t.iam_policy({"groups": [link("admins")], "document": doc([stmt({"actions": ["*"]})])})])
	t.paths(rule.deny) == {["document", "statements", 0, "actions", 0]} with input as inp
}

test_iam_star_inline_in_a_user if {
	user := t.iam_user({"policies": [{"name": "p", "document": doc([stmt({"actions": ["IAM:*"]})])}]})
	t.paths(rule.deny) == {["policies", 0, "document", "statements", 0, "actions", 0]} with input as t.input_of([user])
}

test_managed_admin_by_arn if {
	group := t.iam_group({"attached_policies": [
		{"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "origin": "Ops", "present": true},
		{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "origin": "Ops", "present": true},
		{"arn": "arn:aws-us-gov:iam::aws:policy/IAMFullAccess", "origin": "Ops", "present": true},
	]})
	t.paths(rule.deny) == {["attached_policies", 0, "arn"], ["attached_policies", 2, "arn"]} with input as t.input_of([group])
}

test_mfa_condition_passes if {
	mfa := {"Bool": {"aws:MultiFactorAuthPresent": ["true"]}}
	inp := t.input_of([t.iam_policy({"users": [link("ops")], "document": doc([stmt({"actions": ["*"], "conditions": mfa})])})])
	count(rule.deny) == 0 with input as inp
}

test_bool_if_exists_true_is_not_mfa if {
	cond := {"BoolIfExists": {"aws:MultiFactorAuthPresent": ["true"]}}
	inp := t.input_of([t.iam_policy({"users": [link("ops")], "document": doc([stmt({"actions": ["*"], "conditions": cond})])})])
	count(rule.deny) == 1 with input as inp
}

test_guarded_group_passes if {
	group := t.iam_group({
		"policies": [{"name": "mfa", "document": doc([guard])}],
		"attached_policies": [{"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "origin": "Ops", "present": true}],
	})
	admin := t.iam_policy({"groups": [link("Ops")], "document": doc([stmt({"actions": ["*"]})])})
	count(rule.deny) == 0 with input as t.input_of([group, admin])
}

test_roles_and_narrow_actions_pass if {
	inp := t.input_of([
		t.iam_policy({"roles": [link("app")], "document": doc([stmt({"actions": ["*"]})])}),
		t.iam_user({"policies": [{"name": "p", "document": doc([stmt({"actions": ["iam:Get*", "s3:*"]})])}]}),
	])
	count(rule.deny) == 0 with input as inp
}

test_maybe_attachment_is_undecided if {
	inp := t.input_of([t.iam_policy({"users": [{"identity": "ops", "origin": "Attach", "present": null}], "document": doc([stmt({"actions": ["*"]})])})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["users", 0, "present"]} with input as inp
}

test_unknown_conditions_are_undecided if {
	cond := {"Bool": {"aws:MultiFactorAuthPresent": null}}
	inp := t.input_of([t.iam_policy({"users": [link("ops")], "document": doc([stmt({"actions": ["*"], "conditions": cond})])})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["document", "statements", 0, "conditions"]} with input as inp
}
