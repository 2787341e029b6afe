package rampart.rules.cloudfront_logging_test

import data.rampart.lib.testing as t
import data.rampart.rules.cloudfront_logging as rule

test_no_logging_fires if {
	t.paths(rule.deny) == {["logging"]} with input as t.input_of([t.distribution({"logging": false})])
}

test_logging_passes if {
	inp := t.input_of([t.distribution({"logging": true})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_is_undecided if {
	inp := t.input_of([t.distribution({"logging": null})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["logging"]} with input as inp
}
