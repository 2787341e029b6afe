# METADATA
# title: EBS volume not encrypted
# description: |
#   Fires for an EBS volume (AWS::EC2::Volume, aws_ebs_volume), and for
#   each EBS block device of an EC2 instance or a launch template (or
#   launch configuration), that is not encrypted. A device that does not
#   ask for encryption is unencrypted: AWS creates new volumes unencrypted
#   unless the account encrypts them by default, which a template cannot
#   know, except when the scan itself turns it on
#   (aws_ebs_encryption_by_default, enabled by default), which makes them
#   encrypted. This includes the root volume of an instance or template
#   that does not declare one: it is created from the AMI's snapshot,
#   which for Amazon's public AMIs is unencrypted, so the template must ask
#   for encryption (a mapping of /dev/xvda or /dev/sda1, or
#   root_block_device, replaces it). A volume created from a snapshot the
#   template names is as encrypted as the snapshot: undecided unless it
#   asks for encryption. Instance store devices are not EBS and are not
#   judged. An instance launched from a launch template in the scan has the
#   template's devices unless it declares its own. Unknown settings are
#   undecided. The finding points at the encryption setting, or the
#   resource when it is absent.
#   Covers CIS AWS Foundations Benchmark v1.4.0 2.2.1 (EBS volume encryption enabled).
# custom:
#   id: AWS-EBS-001
#   name: ebs-encrypted
#   severity: HIGH
#   remediation: |
#     Encrypt every volume (optionally with a customer managed KMS key),
#     and turn on EBS encryption by default in every region.
#     CloudFormation: Encrypted: true on AWS::EC2::Volume, and a
#     BlockDeviceMappings entry with Ebs: {Encrypted: true} for the root
#     device (/dev/xvda or /dev/sda1) and every other device of
#     AWS::EC2::Instance, LaunchTemplateData or
#     AWS::AutoScaling::LaunchConfiguration. Terraform: encrypted = true on
#     aws_ebs_volume, in root_block_device and every ebs_block_device of
#     aws_instance and aws_launch_configuration, and in the ebs block of
#     every block_device_mappings of aws_launch_template; and
#     aws_ebs_encryption_by_default { enabled = true }.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7
#     - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html
#   equivalents:
#     - checkov:CKV_AWS_3
#     - checkov:CKV_AWS_8
#     - trivy:AVD-AWS-0026
#     - trivy:AVD-AWS-0131
#     - trivy:AVD-AWS-0008
#     - kics:cc997676-481b-4e93-aa81-d19f8c5e9b12
#   kinds:
#     - aws.ec2.volume
#     - aws.ec2.instance
#     - aws.ec2.launch_template
#   reads:
#     - encrypted
#     - block_devices[*].encrypted
package rampart.rules.ebs_encrypted

import data.rampart.lib

results contains lib.result(r, ["encrypted"], v, sprintf("EBS volume %v is not encrypted", [r.id])) if {
	some r in input.by_kind["aws.ec2.volume"]
	v := lib.at(["encrypted"], unencrypted(r.properties.encrypted))
}

kinds := {"aws.ec2.instance": "instance", "aws.ec2.launch_template": "launch template"}

results contains lib.result(r, ["block_devices"], lib.at(["block_devices"], "maybe"), "") if {
	some kind, _ in kinds
	some r in lib.resources(kind)
	is_null(r.properties.block_devices)
}

results contains lib.result(r, path, v, device_message(noun, r.id, d)) if {
	some kind, noun in kinds
	some r in lib.resources(kind)
	some i, d in r.properties.block_devices
	path := ["block_devices", i, "encrypted"]
	v := device_verdict(d, i)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

unencrypted(x) := "yes" if x == false

unencrypted(x) := "maybe" if is_null(x)

# device_verdict: an Unknown device may be an unencrypted one.
device_verdict(d, i) := lib.at(["block_devices", i], "maybe") if is_null(d)

device_verdict(d, i) := lib.at(["block_devices", i, "encrypted"], unencrypted(d.encrypted)) if not is_null(d)

device_message(noun, id, d) := sprintf("%v %v launches its root volume unencrypted: it is created from the AMI's snapshot and the template does not ask for encryption", [noun, id]) if {
	d.implied == true
} else := sprintf("%v %v has an unencrypted EBS volume %v", [noun, id, d.device_name]) if {
	is_string(d.device_name)
	d.device_name != ""
} else := sprintf("%v %v has an unencrypted root EBS volume", [noun, id]) if {
	not is_null(d)
} else := ""
