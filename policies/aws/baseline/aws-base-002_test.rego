package rampart.rules.baseline_config_recorder_test

import data.rampart.lib.testing as t
import data.rampart.rules.baseline_config_recorder as rule

account(resources, detached, may_not_exist) := object.union(t.input_of(resources), {
	"resources": object.union({r.uid: r | some r in resources}, {d.uid: d | some d in detached}),
	"account": {
		"units": [{"path": "template.yaml", "file": "template.yaml", "source": "cloudformation"}],
		"detached": detached,
		"may_not_exist": may_not_exist,
	},
})

recorder(id, props) := object.union(t.config_recorder(object.union({"delivery_channel": true, "recording": true}, props)), {"uid": sprintf("template.yaml#%s", [id]), "id": id})

channel := {
	"uid": "logging#aws_config_delivery_channel.main", "id": "aws_config_delivery_channel.main",
	"kind": "aws.config.recorder", "type": "aws_config_delivery_channel", "source": "terraform",
	"file": "logging/main.tf", "location": {"file": "logging/main.tf", "start_line": 1, "end_line": 3},
	"properties": {}, "native": {"s3_bucket_name": "acme-config"}, "refs": [],
}

test_no_recorder_is_an_account_finding if {
	some f in rule.deny with input as account([], [], [])
	f.uid == ""
	contains(f.message, "no AWS Config recorder exists")
}

# A delivery channel without a recorder records nothing.
test_channel_without_recorder_is_an_account_finding if {
	some f in rule.deny with input as account([], [channel], [])
	f.uid == ""
}

test_recording_recorder_passes if {
	inp := account([recorder("Recorder", {})], [], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_recorder_without_channel if {
	inp := account([recorder("Recorder", {"delivery_channel": false})], [], [])
	t.paths(rule.deny) == {["delivery_channel"]} with input as inp
}

test_stopped_recorder if {
	inp := account([recorder("Recorder", {"recording": false})], [], [])
	t.paths(rule.deny) == {["recording"]} with input as inp
}

test_one_recording_recorder_is_enough if {
	inp := account([recorder("Recorder", {}), recorder("Stopped", {"recording": false})], [], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_channel_is_undecided if {
	inp := account([recorder("Recorder", {"delivery_channel": null}), recorder("Stopped", {"recording": false})], [], [])
	count(rule.deny) == 0 with input as inp
	{[u.uid, u.path] | some u in rule.undecided} == {
		["template.yaml#Recorder", ["delivery_channel"]],
		["template.yaml#Stopped", []],
	} with input as inp
}

test_recorder_that_may_not_exist_is_undecided if {
	inp := account([recorder("Recorder", {})], [], ["template.yaml#Recorder"])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {[]} with input as inp
}

# A channel of another unit may be this recorder's.
test_channel_elsewhere_is_undecided if {
	inp := account([recorder("Recorder", {"delivery_channel": false})], [channel], [])
	count(rule.deny) == 0 with input as inp
	some u in rule.undecided with input as inp
	u.because.uid == channel.uid
	contains(u.because.message, "may be this recorder's")
}
