# METADATA
# title: Template creates long-lived IAM access keys
# description: |
#   Fires for every IAM access key the template creates
#   (AWS::IAM::AccessKey, aws_iam_access_key), active or inactive: a
#   long-lived key is a credential that lives outside AWS, in whatever
#   system reads the stack's outputs or the Terraform state (which holds
#   the secret in plain text unless a pgp_key encrypts it), and is rotated
#   only by hand. Workloads in AWS should use IAM roles; people, IAM
#   Identity Center; systems outside AWS, IAM Roles Anywhere or OIDC
#   federation. The finding points at the access key resource.
# custom:
#   id: AWS-IAM-006
#   name: iam-no-access-keys
#   severity: MEDIUM
#   remediation: |
#     Remove the access key. In CloudFormation, delete the AWS::IAM::AccessKey
#     resource; in Terraform, delete the aws_iam_access_key resource. Give
#     workloads an IAM role instead (an instance profile, a task or function
#     role, IRSA on EKS), give CI systems OIDC federation
#     (aws_iam_openid_connect_provider and a role they assume), and give
#     people IAM Identity Center access.
#   references:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3
#   kinds:
#     - aws.iam.access_key
#   reads:
#     - user
package rampart.rules.iam_no_access_keys

import data.rampart.lib

deny contains lib.finding(key, [], message(key.id, key.properties.user)) if {
	some key in lib.resources("aws.iam.access_key")
}

message(id, user) := sprintf("%v creates a long-lived access key for IAM user %v", [id, user]) if {
	is_string(user)
} else := sprintf("%v creates a long-lived access key for an IAM user", [id])
