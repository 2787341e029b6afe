package rampart.rules.s3_access_logging_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_access_logging as rule

logging_policy := {"version": "2012-10-17", "id": "", "statements": [{
	"sid": "", "effect": "Allow", "actions": ["s3:PutObject"], "not_actions": [],
	"resources": ["arn:aws:s3:::logs/*"], "not_resources": [],
	"principals": {"Service": ["logging.s3.amazonaws.com"]}, "not_principals": {}, "conditions": {},
}]}

test_not_logged if {
	t.paths(rule.deny) == {[]} with input as t.input_of([t.s3_bucket({})])
}

test_logged_passes if {
	inp := t.input_of([t.s3_bucket({"access_logging": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_log_targets_are_exempt if {
	every props in [
		{"log_target": true},
		{"acl": "log-delivery-write"},
		{"grants": [{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery", "permission": "WRITE"}]},
		{"policy": logging_policy},
	] {
		inp := t.input_of([t.s3_bucket(props)])
		count(rule.deny) == 0 with input as inp
		count(rule.undecided) == 0 with input as inp
	}
}

test_unknown_logging_is_undecided if {
	inp := t.input_of([t.s3_bucket({"access_logging": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["access_logging"]} with input as inp
}

test_unknown_policy_may_exempt if {
	inp := t.input_of([t.s3_bucket({"policy": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy"]} with input as inp
}

test_maybe_log_target_is_undecided if {
	inp := t.input_of([t.s3_bucket({"log_target": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["log_target"]} with input as inp
}

test_certain_exemption_beats_unknown if {
	inp := t.input_of([t.s3_bucket({"log_target": true, "policy": null})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}
