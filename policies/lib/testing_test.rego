# Helpers for the Rego unit tests: canonical resources with defaults, and
# an input built the way the engine builds it (docs/model.md). Only test
# runs load this file.
package rampart.lib.testing

sg_defaults := {
	"name": "",
	"description": "web tier",
	"vpc_id": null,
	"tags": {"Environment": "prod", "Tier": "web", "Application": "shop"},
	"is_default": false,
	"external": false,
	"ingress": [],
	"egress": [],
}

rule_defaults := {
	"protocol": "tcp",
	"from_port": 443,
	"to_port": 443,
	"cidrs": [],
	"source_security_groups": [],
	"prefix_lists": [],
	"self": false,
	"description": "https from the load balancer",
	"origin": {"id": "WebSG", "type": "AWS::EC2::SecurityGroup"},
	"representative": false,
}

# overlay replaces the top-level keys of base that props sets (object.union
# would merge nested objects such as tags).
overlay(base, props) := object.union(object.remove(base, object.keys(props)), props)

resource(kind, id, props) := {
	"uid": sprintf("template.yaml#%s", [id]),
	"id": id,
	"kind": kind,
	"type": "test",
	"source": "cloudformation",
	"file": "template.yaml",
	"properties": props,
	"native": {},
	"refs": [],
}

# sg is a security group WebSG whose properties are the defaults overlaid
# with props.
sg(props) := resource("aws.ec2.security_group", "WebSG", with_counts(overlay(sg_defaults, props)))

# with_counts adds ingress_count and egress_count as the normalizer writes
# them, unless props set them.
with_counts(p) := object.union({"ingress_count": rule_count(p.ingress), "egress_count": rule_count(p.egress)}, p)

rule_count(rules) := n if {
	is_array(rules)
	every r in rules {
		not r.representative
	}
	n := count(rules)
} else := null

# rule is a security group rule: the defaults overlaid with props.
rule(props) := overlay(rule_defaults, props)

# ingress is a group with the given ingress rules.
ingress(rules) := sg({"ingress": rules})

instance(props) := resource("aws.ec2.instance", "App", overlay(
	{"security_groups": ["sg-1"], "launch_template": false, "network_interfaces": 0},
	props,
))

launch_template(props) := resource("aws.ec2.launch_template", "AppTemplate", overlay(
	{"security_groups": ["sg-1"], "launch_template": false, "network_interfaces": 0},
	props,
))

network_interface(props) := resource("aws.ec2.network_interface", "AppEni", overlay(
	{"security_groups": ["sg-1"], "launch_template": false, "network_interfaces": 0},
	props,
))

input_of(resources) := input_with_config(resources, {})

input_with_config(resources, config) := {
	"by_kind": {kind: [r | some r in resources; r.kind == kind] | some kind in {r.kind | some r in resources}},
	"resources": {r.uid: r | some r in resources},
	"config": config,
}

# paths is the set of blamed paths of a deny set.
paths(deny) := {f.path | some f in deny}
