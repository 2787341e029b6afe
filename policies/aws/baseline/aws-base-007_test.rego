package rampart.rules.baseline_vpc_flow_logs_everywhere_test

import data.rampart.lib.testing as t
import data.rampart.rules.baseline_vpc_flow_logs_everywhere as rule

flow_log(present) := {
	"traffic_type": "ALL",
	"destination_type": "cloud-watch-logs",
	"origin": {"id": "aws_flow_log.this", "type": "aws_flow_log"},
	"present": present,
}

# detached is a native flow log of another unit that folded into no VPC
# of its own unit.
detached(uid, type, native) := {
	"uid": uid, "id": uid, "kind": "aws.ec2.vpc", "type": type, "source": "terraform",
	"file": "logs/main.tf", "location": {"file": "logs/main.tf", "start_line": 1, "end_line": 1},
	"properties": {}, "native": native, "refs": [],
}

# account is the input of an account rule over resources and detached
# flow logs, the scan made of two units.
account(resources, logs) := object.union(t.input_of(resources), {
	"resources": object.union({r.uid: r | some r in resources}, {d.uid: d | some d in logs}),
	"account": {
		"units": [
			{"path": "logs", "file": "logs/main.tf", "source": "terraform"},
			{"path": "template.yaml", "file": "template.yaml", "source": "cloudformation"},
		],
		"detached": logs,
	},
})

test_vpc_without_flow_log if {
	t.paths(rule.deny) == {[]} with input as account([t.vpc({})], [])
}

test_message_names_the_vpc if {
	some f in rule.deny with input as account([t.vpc({})], [])
	startswith(f.message, "VPC VPC has no flow log anywhere in the scan")
}

test_vpc_with_flow_log_passes if {
	inp := account([t.vpc({"flow_logs": [flow_log(true)]})], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_maybe_flow_log_is_undecided if {
	inp := account([t.vpc({"flow_logs": [flow_log(null)]})], [])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["flow_logs", 0]} with input as inp
}

test_unknown_list_is_undecided if {
	inp := account([t.vpc({"flow_logs": null})], [])
	count(rule.deny) == 0 with input as inp
	t.paths(rule.undecided) == {["flow_logs"]} with input as inp
}

# A flow log of another unit whose VPC is a variable may be this VPC's.
test_unknown_vpc_elsewhere_is_undecided if {
	fl := detached("logs#aws_flow_log.this", "aws_flow_log", {"vpc_id": null, "traffic_type": "ALL"})
	inp := account([t.vpc({})], [fl])
	count(rule.deny) == 0 with input as inp
	some u in rule.undecided with input as inp
	u.uid == "template.yaml#VPC"
	u.because == {"uid": "logs#aws_flow_log.this", "path": ["vpc_id"], "message": ""}
}

test_unknown_cloudformation_vpc_elsewhere_is_undecided if {
	fl := detached("logs.yaml#FlowLog", "AWS::EC2::FlowLog", {"ResourceType": "VPC", "ResourceId": null})
	inp := account([t.vpc({})], [fl])
	count(rule.deny) == 0 with input as inp
	some u in rule.undecided with input as inp
	u.because.path == ["ResourceId"]
}

# A literal VPC ID names a VPC created outside the scan.
test_literal_vpc_elsewhere_does_not_count if {
	fl := detached("logs#aws_flow_log.this", "aws_flow_log", {"vpc_id": "vpc-0123456789abcdef0"})
	inp := account([t.vpc({})], [fl])
	t.paths(rule.deny) == {[]} with input as inp
	count(rule.undecided) == 0 with input as inp
}

# Subnet and interface flow logs record part of the traffic only.
test_subnet_flow_log_elsewhere_does_not_count if {
	tf := detached("logs#aws_flow_log.subnet", "aws_flow_log", {"subnet_id": null})
	cfn := detached("logs.yaml#FlowLog", "AWS::EC2::FlowLog", {"ResourceType": "Subnet", "ResourceId": null})
	inp := account([t.vpc({})], [tf, cfn])
	t.paths(rule.deny) == {[]} with input as inp
	count(rule.undecided) == 0 with input as inp
}

# A detached CIDR block association is a part of the VPC kind too: not a
# flow log.
test_cidr_association_elsewhere_does_not_count if {
	a := detached("logs#aws_vpc_ipv4_cidr_block_association.x", "aws_vpc_ipv4_cidr_block_association", {"vpc_id": null})
	t.paths(rule.deny) == {[]} with input as account([t.vpc({})], [a])
}

# A VPC with a flow log of its own is not made undecided by one elsewhere.
test_own_flow_log_beats_unknown_elsewhere if {
	fl := detached("logs#aws_flow_log.this", "aws_flow_log", {"vpc_id": null})
	inp := account([t.vpc({"flow_logs": [flow_log(true)]})], [fl])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}

test_no_vpc_no_result if {
	inp := account([], [])
	count(rule.deny) == 0 with input as inp
	count(rule.undecided) == 0 with input as inp
}
