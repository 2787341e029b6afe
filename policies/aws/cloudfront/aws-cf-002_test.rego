package rampart.rules.cloudfront_min_tls_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudfront_min_tls as rule

test_default_certificate_fires_once if {
	inp := t.input_of([t.distribution({"default_certificate": true, "minimum_protocol_version": "TLSv1"})])
	t.paths(rule.deny) == {["default_certificate"]} with input as inp
}

test_old_policy_fires if {
	every p in ["TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "SSLv3"] {
		inp := t.input_of([t.distribution({"default_certificate": false, "minimum_protocol_version": p})])
		t.paths(rule.deny) == {["minimum_protocol_version"]} with input as inp
	}
}

test_current_policy_passes if {
	every p in ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		inp := t.input_of([t.distribution({"default_certificate": false, "minimum_protocol_version": p})])
		count(rule.deny) == 0 with input as inp
		count(rule.undecided) == 0 with input as inp
	}
}

test_unknowns_are_undecided if {
	every tc in [
		{"props": {"default_certificate": null, "minimum_protocol_version": null}, "path": ["default_certificate"]},
		{"props": {"default_certificate": false, "minimum_protocol_version": null}, "path": ["minimum_protocol_version"]},
	] {
		inp := t.input_of([t.distribution(tc.props)])
		count(rule.deny) == 0 with input as inp
		t.paths(rule.undecided) == {tc.path} with input as inp
	}
}
