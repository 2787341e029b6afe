# METADATA
# title: S3 bucket policy open to everyone
# description: |
#   Fires for each Allow statement of an S3 bucket's policy (Terraform
#   policy on the bucket or aws_s3_bucket_policy, CloudFormation
#   AWS::S3::BucketPolicy; JSON, jsonencode or aws_iam_policy_document)
#   whose principal is everyone (Principal "*" or {"AWS": "*"}) and that has
#   no condition restricting the caller: a key among aws:SourceVpc,
#   aws:SourceVpce, aws:SourceIp, aws:PrincipalOrgID, aws:SourceAccount,
#   aws:SourceArn (the catalog's list) and aws:SourceOrgID,
#   aws:PrincipalOrgPaths, aws:SourceOrgPaths, aws:PrincipalAccount,
#   aws:PrincipalArn (the same kind of restriction), or s3:DataAccessPointAccount
#   and s3:DataAccessPointArn (access delegated to the account's access
#   points, which have policies of their own), in any case, under an
#   operator that must match for the statement to apply: a negated operator
#   (StringNotEquals, NotIpAddress), an ...IfExists operator, a
#   ForAllValues operator (true when the key is absent), and Null do not
#   restrict; nor does aws:SourceIp 0.0.0.0/0 or ::/0, or a value that is
#   just "*". A restricting value that is not known still restricts. A
#   policy, statement list, effect, principal or condition that is not
#   known, or a policy resource that may not exist, makes the result
#   undecided. The public access block is not considered (AWS-S3-002 does):
#   the policy says what it grants. The finding points at the statement.
# custom:
#   id: AWS-S3-003
#   name: s3-no-public-policy
#   severity: HIGH
#   remediation: |
#     Name the principals that need access instead of "*", or add a
#     condition that restricts the caller (aws:SourceVpce for a VPC
#     endpoint, aws:PrincipalOrgID for the organization, aws:SourceArn and
#     aws:SourceAccount for a service). For public content use CloudFront
#     with origin access control and allow only cloudfront.amazonaws.com
#     with an aws:SourceArn condition. CloudFormation: change the statement
#     of the AWS::S3::BucketPolicy PolicyDocument. Terraform: change the
#     aws_s3_bucket_policy policy (or the aws_iam_policy_document it uses).
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
#   equivalents:
#     - checkov:CKV_AWS_70
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - policy
package rampart.rules.s3_no_public_policy

import data.rampart.lib
import data.rampart.lib.s3

results contains lib.result(b, e.path, e.verdict, sprintf("S3 bucket %v %v", [b.id, e.text])) if {
	some b in lib.resources("aws.s3.bucket")
	some e in s3.policy_exposures(b.properties.policy)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)
