package rampart.rules.ebs_encrypted_test

import data.rampart.lib.testing as t
import data.rampart.rules.ebs_encrypted as rule

encrypted_root := t.block_device({"encrypted": true, "implied": false})

test_unencrypted_volume if {
	inp := t.input_of([t.volume({"encrypted": false})])
	t.paths(rule.deny) == {["encrypted"]} with input as inp
	{f.message | some f in rule.deny} == {"EBS volume DataVolume is not encrypted"} with input as inp
}

test_encrypted_volume_passes if {
	count(rule.deny) == 0 with input as t.input_of([t.volume({})])
	count(rule.undecided) == 0 with input as t.input_of([t.volume({})])
}

test_volume_from_snapshot_is_undecided if {
	inp := t.input_of([t.volume({"encrypted": null, "snapshot_id": "snap-1"})])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["encrypted"]} with input as inp
}

test_implied_root_volume if {
	inp := t.input_of([t.instance({"block_devices": [t.block_device({"implied": true})]})])
	t.paths(rule.deny) == {["block_devices", 0, "encrypted"]} with input as inp
	{f.message | some f in rule.deny} == {"instance App launches its root volume unencrypted: it is created from the AMI's snapshot and the template does not ask for encryption"} with input as inp
}

test_unencrypted_extra_device if {
	extra := t.block_device({"device_name": "/dev/sdf", "root": false, "implied": false})
	inp := t.input_of([t.launch_template({"block_devices": [encrypted_root, extra]})])
	t.paths(rule.deny) == {["block_devices", 1, "encrypted"]} with input as inp
	{f.message | some f in rule.deny} == {"launch template AppTemplate has an unencrypted EBS volume /dev/sdf"} with input as inp
}

test_encrypted_devices_pass if {
	extra := t.block_device({"device_name": "/dev/sdf", "root": false, "encrypted": true})
	inp := t.input_of([t.instance({"block_devices": [encrypted_root, extra]})])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_unknown_devices_are_undecided if {
	inp := t.input_of([
		t.instance({"block_devices": null}),
		t.launch_template({"block_devices": [encrypted_root, null, t.block_device({"encrypted": null})]}),
	])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["block_devices"], ["block_devices", 1], ["block_devices", 2, "encrypted"]} with input as inp
}
