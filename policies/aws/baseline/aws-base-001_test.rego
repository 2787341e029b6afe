package rampart.rules.baseline_cloudtrail_test

import data.rampart.lib.testing as t
import data.rampart.rules.baseline_cloudtrail as rule

account(resources, may_not_exist) := object.union(t.input_of(resources), {"account": {
	"units": [{"path": "template.yaml", "file": "template.yaml", "source": "cloudformation"}],
	"detached": [],
	"may_not_exist": may_not_exist,
}})

trail(id, props) := object.union(t.cloudtrail_trail(props), {"uid": sprintf("template.yaml#%s", [id]), "id": id})

test_no_trail_is_an_account_finding if {
	some f in rule.deny with input as account([], [])
	f.uid == ""
	contains(f.message, "no CloudTrail trail exists")
}

test_multi_region_logging_trail_passes if {
	inp := account([trail("Trail", {})], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

# One trail that covers the account is enough: the single-region one is
# AWS-CT-002's concern.
test_one_covering_trail_is_enough if {
	inp := account([trail("Regional", {"multi_region": false}), trail("Trail", {})], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_every_short_trail_is_reported if {
	inp := account([trail("Regional", {"multi_region": false}), trail("Stopped", {"logging": false})], [])
	{[f.uid, f.path] | some f in rule.deny} == {
		["template.yaml#Regional", ["multi_region"]],
		["template.yaml#Stopped", ["logging"]],
	} with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_stopped_single_region_trail_blames_the_region if {
	inp := account([trail("Trail", {"multi_region": false, "logging": false})], [])
	t.paths(rule.deny) == {["multi_region"]} with input as inp
}

test_unknown_region_is_undecided if {
	inp := account([trail("Trail", {"multi_region": null})], [])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["multi_region"]} with input as inp
}

test_unknown_logging_is_undecided if {
	inp := account([trail("Trail", {"logging": null})], [])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["logging"]} with input as inp
}

# A trail that may not be created cannot cover the account for sure; the
# short trail depends on it.
test_trail_that_may_not_exist_is_undecided if {
	inp := account([trail("Maybe", {}), trail("Regional", {"multi_region": false})], ["template.yaml#Maybe"])
	count(rule.deny) == 0 with input as inp
	some u in rule.undecided with input as inp
	u.uid == "template.yaml#Maybe"
	u.path == []
	some b in rule.undecided with input as inp
	b.uid == "template.yaml#Regional"
	b.because == {"uid": "template.yaml#Maybe", "path": [], "message": ""}
}

# A trail that may not exist but surely falls short changes nothing.
test_short_trail_that_may_not_exist_is_reported if {
	inp := account([trail("Regional", {"multi_region": false})], ["template.yaml#Regional"])
	t.paths(rule.deny) == {["multi_region"]} with input as inp
}

test_certain_trail_beats_unknown_one if {
	inp := account([trail("Trail", {}), trail("Other", {"multi_region": null})], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}
