package rampart.rules.iam_no_access_keys_test

import data.rampart.lib.testing as t
import data.rampart.rules.iam_no_access_keys as rule

test_access_key_fires if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.access_key({})])
}

test_inactive_key_fires if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.access_key({"status": "Inactive"})])
}

test_message_names_the_user if {
	{f.message | some f in rule.deny} == {"DeployKey creates a long-lived access key for IAM user deploy"} with input as t.input_of([t.access_key({})])
}

test_unknown_user_still_fires if {
	{f.message | some f in rule.deny} == {"DeployKey creates a long-lived access key for an IAM user"} with input as t.input_of([t.access_key({"user": null})])
}

test_no_key_no_finding if {
	count(rule.deny) == 0 with input as t.input_of([t.db_instance({})])
}
