# METADATA
# title: Resource lacks required tags
# description: |
#   Fires when a resource whose type takes tags lacks one of the keys in
#   config required_tags. The rule is inactive while the list is empty, its
#   default: set it in rule_config to enable it. A type takes tags when its
#   CloudFormation schema has a Tags property, or when the Terraform AWS
#   provider manages its tags (and aws_autoscaling_group's tag blocks);
#   types that take none (a bucket policy, a security group rule resource)
#   are never reported. The tags counted are those the resource will carry
#   once deployed: Terraform tags merged over the provider's default_tags,
#   for the types the provider applies them to (not an Auto Scaling
#   group); CloudFormation Tags plus the Tags a parent's
#   AWS::CloudFormation::Stack (or AWS::Serverless::Application) gives a
#   nested stack, which CloudFormation propagates to the nested stack's
#   resources that take tags; a SAM resource after its expansion (a
#   function's Tags reach its generated role; SAM's PropagateTags, which
#   passes them to the other resources it generates, is not modelled). Stack
#   tags given at deployment (aws cloudformation deploy --tags) are not in
#   the templates and are not counted. Keys compare exactly, case included,
#   as AWS does. One finding per resource lists every missing key and
#   points at its tags, or at the resource when it has none. Tags whose
#   keys are Unknown (a variable with no value, a merge with one, a tag key
#   from a parameter) leave the resource undecided; a tag whose value alone
#   is Unknown is present.
# custom:
#   id: AWS-TAG-001
#   name: required-tags
#   severity: LOW
#   remediation: |
#     Add the missing tags where the resource's tags are written.
#     CloudFormation: Tags (Key/Value entries, or a map for the types that
#     take one, such as AWS::SSM::Parameter and the AWS::Serverless types),
#     or Tags on the AWS::CloudFormation::Stack of a nested stack so every
#     resource in it inherits them. Terraform: tags on the resource, or the
#     AWS provider's default_tags so every resource carries them
#     (aws_autoscaling_group: tag blocks, which default_tags do not reach).
#   references:
#     - https://docs.aws.amazon.com/whitepapers/latest/tagging-best-practices/tagging-best-practices.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/required-tags.html
#     - https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html
#     - https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging
#   parameters:
#     - required_tags
#   kinds:
#     - aws.tagging.resource
#   reads:
#     - tags
package rampart.rules.required_tags

import data.rampart.lib
import data.rampart.lib.config

results contains lib.result(r, ["tags"], v, message(r, missing)) if {
	some r in input.by_kind["aws.tagging.resource"]
	missing := missing_keys(r.properties.tags)
	v := lib.at(["tags"], lacks(r.properties.tags, missing))
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

# missing_keys are the required keys the tags lack; every required key
# when the tags are Unknown (which of them is set is not known).
missing_keys(tags) := [k | some k in config.required_tags; not has_key(tags, k)]

# lacks is the verdict: "yes" when known tags lack a required key, "maybe"
# when the tags are Unknown and a key is required.
lacks(tags, missing) := "yes" if {
	is_object(tags)
	count(missing) > 0
}

lacks(tags, missing) := "maybe" if {
	is_null(tags)
	count(missing) > 0
}

# has_key holds when the key is present, whatever its value (an Unknown
# value is still a tag with that key).
has_key(tags, k) if _ = tags[k]

message(r, missing) := sprintf("%v lacks required %v %v (add to %v)", [
	r.id, plural(count(missing)), concat(", ", missing), r.properties.tags_attribute,
]) if {
	is_object(r.properties.tags)
} else := ""

plural(1) := "tag"

plural(n) := "tags" if n > 1
