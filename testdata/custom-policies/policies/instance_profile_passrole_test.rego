package acme.rules.instance_profile_passrole_test

import data.acme.rules.instance_profile_passrole as rule
import data.rampart.lib.testing as t

role(name, statement) := t.iam_role({
	"name": name,
	"policies": [{"name": "deploy", "document": {"version": "2012-10-17", "id": "", "statements": [statement]}}],
})

allow(actions, resources) := {
	"sid": "", "effect": "Allow", "actions": actions, "not_actions": [], "resources": resources,
	"not_resources": [], "principals": {}, "not_principals": {}, "conditions": {},
}

profile(native, refs) := object.union(t.resource(null, "Profile", "AWS::IAM::InstanceProfile", "cloudformation", null), {"native": native, "refs": refs})

scan(resources, profiles) := object.union(t.input_of(resources), {"by_type": {"AWS::IAM::InstanceProfile": profiles}})

by_ref(r) := profile({"Roles": [null]}, [{"path": ["Roles", 0], "resource": r.uid, "attribute": ""}])

test_passrole_on_star_fires if {
	r := role("app", allow(["iam:PassRole"], ["*"]))
	t.paths(rule.deny) == {["policies", 0, "document", "statements", 0, "resources", 0]} with input as scan([r], [by_ref(r)])
}

test_wildcard_actions_cover_passrole if {
	r := role("app", allow(["iam:*"], ["*"]))
	count(rule.deny) == 1 with input as scan([r], [by_ref(r)])
	r2 := role("app", allow(["*"], ["*"]))
	count(rule.deny) == 1 with input as scan([r2], [by_ref(r2)])
}

test_role_named_by_its_name if {
	r := role("app", allow(["iam:PassRole"], ["*"]))
	count(rule.deny) == 1 with input as scan([r], [profile({"Roles": ["app"]}, [])])
}

test_named_roles_pass if {
	r := role("app", allow(["iam:PassRole"], ["arn:aws:iam::123456789012:role/worker"]))
	count(rule.deny) == 0 with input as scan([r], [by_ref(r)])
}

test_role_without_a_profile_passes if {
	r := role("app", allow(["iam:PassRole"], ["*"]))
	count(rule.deny) == 0 with input as scan([r], [])
}

test_unknown_resources_never_fire if {
	r := role("app", allow(["iam:PassRole"], [null]))
	count(rule.deny) == 0 with input as scan([r], [by_ref(r)])
}
