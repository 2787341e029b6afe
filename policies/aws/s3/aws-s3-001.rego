# METADATA
# title: S3 bucket with a public ACL
# description: |
#   Fires for each S3 bucket of the scan whose canned ACL is public-read,
#   public-read-write or authenticated-read (Terraform acl on aws_s3_bucket
#   or aws_s3_bucket_acl, CloudFormation AccessControl PublicRead,
#   PublicReadWrite or AuthenticatedRead), and for each ACL grant to the
#   AllUsers or AuthenticatedUsers group (Terraform grant blocks or an
#   aws_s3_bucket_acl access_control_policy). AuthenticatedUsers means any
#   AWS account, not the bucket owner's users. The ACL the template asks for
#   is judged, whatever the bucket's public access block or object ownership
#   would do with it: with ACLs disabled (BucketOwnerEnforced, the default
#   since April 2023) the deployment fails instead, and with IgnorePublicAcls
#   off the bucket is public. An ACL or a grant that is not known before
#   deployment, or set by a resource that may not exist or by two resources
#   at once, makes the result undecided. The finding points at the ACL or
#   the grant.
# custom:
#   id: AWS-S3-001
#   name: s3-no-public-acl
#   severity: HIGH
#   remediation: |
#     Remove the public ACL and grant access through a bucket policy that
#     names the principals, or serve public content through CloudFront.
#     CloudFormation: delete AccessControl (or set it to Private) and set
#     OwnershipControls with ObjectOwnership: BucketOwnerEnforced. Terraform:
#     delete acl = "public-read" (and grants to the AllUsers or
#     AuthenticatedUsers URI) from aws_s3_bucket or aws_s3_bucket_acl, and
#     add aws_s3_bucket_ownership_controls with object_ownership =
#     "BucketOwnerEnforced".
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#   equivalents:
#     - checkov:CKV_AWS_20
#     - checkov:CKV_AWS_57
#     - trivy:AVD-AWS-0092
#     - tfsec:aws-s3-no-public-access-with-acl
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - acl
#     - grants[*].uri
package rampart.rules.s3_no_public_acl

import data.rampart.lib
import data.rampart.lib.s3

results contains lib.result(b, e.path, e.verdict, sprintf("S3 bucket %v %v", [b.id, e.text])) if {
	some b in lib.resources("aws.s3.bucket")
	some e in s3.acl_exposures(b.properties.acl, b.properties.grants)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)
