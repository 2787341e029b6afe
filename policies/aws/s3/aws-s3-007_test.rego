package rampart.rules.s3_secure_transport_test

import data.rampart.lib.testing as t
import data.rampart.rules.s3_secure_transport as rule

tls_deny(overrides) := object.union({
	"sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"], "not_actions": [],
	"resources": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "not_resources": [],
	"principals": {"AWS": ["*"]}, "not_principals": {},
	"conditions": {"Bool": {"aws:SecureTransport": ["false"]}},
}, overrides)

bucket(statements) := t.s3_bucket({"policy": {"version": "2012-10-17", "id": "", "statements": statements}})

test_no_policy if {
	t.paths(rule.deny) == {["policy"]} with input as t.input_of([t.s3_bucket({})])
}

test_tls_deny_passes if {
	inp := t.input_of([bucket([tls_deny({})])])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_spellings_pass if {
	every st in [
		tls_deny({"conditions": {"BoolIfExists": {"AWS:SecureTransport": ["False"]}}}),
		tls_deny({"actions": ["*"]}),
	] {
		count(rule.deny) == 0 with input as t.input_of([bucket([st])])
	}
}

test_partial_denies_fire if {
	every st in [
		tls_deny({"actions": ["s3:PutObject"]}),
		tls_deny({"effect": "Allow"}),
		tls_deny({"conditions": {"Bool": {"aws:SecureTransport": ["true"]}}}),
		tls_deny({"principals": {"AWS": ["arn:aws:iam::111122223333:root"]}}),
	] {
		t.paths(rule.deny) == {["policy"]} with input as t.input_of([bucket([st])])
	}
}

test_unknown_policy_is_undecided if {
	inp := t.input_of([t.s3_bucket({"policy": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy"]} with input as inp
}

test_unknown_condition_value_is_undecided if {
	inp := t.input_of([bucket([tls_deny({"conditions": {"Bool": {"aws:SecureTransport": [null]}}})])])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["policy", "statements", 0, "conditions"]} with input as inp
}
