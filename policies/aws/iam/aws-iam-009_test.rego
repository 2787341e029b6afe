package rampart.rules.iam_prefer_managed_policies_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_prefer_managed_policies as rule

test_inline_policy_resource if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.iam_policy({"managed": false})])
}

test_managed_policy_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.iam_policy({"managed": true})])
}

test_policies_inside_identities if {
	p := {"policies": [{"name": "a", "document": null}, {"name": "b", "document": null}]}
	t.paths(rule.deny) == {["policies", 0], ["policies", 1]} with input as t.input_of([t.iam_role(p)])
	t.paths(rule.deny) == {["policies", 0], ["policies", 1]} with input as t.input_of([t.iam_group(p)])
	t.paths(rule.deny) == {["policies", 0], ["policies", 1]} with input as t.input_of([t.iam_user(p)])
}

test_no_inline_policies_pass if {
	inp := t.input_of([t.iam_role({"policies": []})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns_are_undecided if {
	inp := t.input_of([t.iam_role({"policies": [null]})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policies", 0]} with input as inp
	t.paths(rule.undecided) == {["policies"]} with input as t.input_of([t.iam_role({"policies": null})])
}

test_sam_policy_templates_pass if {
	p := {"policies": [
		{"name": "WorkerRolePolicy0", "sam_policy_template": "S3ReadPolicy", "document": null},
		{"name": "WorkerRolePolicy1", "sam_policy_template": "", "document": null},
	]}
	t.paths(rule.deny) == {["policies", 1]} with input as t.input_of([t.iam_role(p)])
	count(rule.undecided) == 0 with input as t.input_of([t.iam_role(p)])
}
