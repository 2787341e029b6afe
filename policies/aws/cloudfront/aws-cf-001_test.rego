package rampart.rules.cloudfront_https_only_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudfront_https_only as rule

behaviors(policies) := [{"path_pattern": sprintf("/%v/*", [i]), "viewer_protocol_policy": p} | some i, p in policies]

test_allow_all_fires if {
	inp := t.input_of([t.distribution({"cache_behaviors": behaviors(["redirect-to-https", "allow-all"])})])
	t.paths(rule.deny) == {["cache_behaviors", 1, "viewer_protocol_policy"]} with input as inp
}

test_https_passes if {
	inp := t.input_of([t.distribution({"cache_behaviors": behaviors(["redirect-to-https", "https-only"])})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknowns_are_undecided if {
	every tc in [
		{"behaviors": null, "path": ["cache_behaviors"]},
		{"behaviors": [null], "path": ["cache_behaviors", 0]},
		{"behaviors": behaviors([null]), "path": ["cache_behaviors", 0, "viewer_protocol_policy"]},
	] {
		inp := t.input_of([t.distribution({"cache_behaviors": tc.behaviors})])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {tc.path} with input as inp
	}
}
