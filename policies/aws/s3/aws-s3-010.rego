# METADATA
# title: S3 website bucket open to the public
# description: |
#   Fires for each S3 bucket of the scan that has static website hosting
#   (CloudFormation WebsiteConfiguration, Terraform website block or
#   aws_s3_bucket_website_configuration) and is public: through a public
#   canned ACL or grant (as AWS-S3-001 reads them) on a bucket whose ACLs
#   are enabled (object ownership other than BucketOwnerEnforced) and whose
#   public access block has BlockPublicAcls and IgnorePublicAcls off, or
#   through a policy statement that allows everyone without a restricting
#   condition (as AWS-S3-003 reads it) on a bucket whose public access block
#   has BlockPublicPolicy and RestrictPublicBuckets off. Where the template
#   declares no block or ownership, AWS's defaults for a new bucket apply
#   (all four settings on, ACLs disabled, since April 2023), under which
#   such a grant is refused. The account-level block of the same unit
#   (Terraform aws_s3_account_public_access_block) counts as well: with
#   BlockPublicPolicy or RestrictPublicBuckets on there the policy is not
#   public, with BlockPublicAcls or IgnorePublicAcls on the ACL is not.
#   Website hosting serves over plain HTTP only
#   and needs the bucket to be public: serve it through CloudFront with
#   origin access control instead. A website, ACL, policy or block that is
#   not known, or a resource that may not exist, makes the result
#   undecided. The finding points at the website setting.
# custom:
#   id: AWS-S3-010
#   name: s3-website-via-cloudfront
#   severity: MEDIUM
#   remediation: |
#     Remove website hosting and the public access, and put a CloudFront
#     distribution with origin access control in front of the bucket (its
#     policy allows cloudfront.amazonaws.com with an aws:SourceArn
#     condition naming the distribution). CloudFormation: delete
#     WebsiteConfiguration and the public statement of the
#     AWS::S3::BucketPolicy, add an AWS::CloudFront::OriginAccessControl
#     and an AWS::CloudFront::Distribution. Terraform: delete the
#     aws_s3_bucket_website_configuration (or website block) and the public
#     statement, add aws_cloudfront_origin_access_control and
#     aws_cloudfront_distribution.
#   references:
#     - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteHosting.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - website
#     - acl
#     - grants
#     - policy
#     - public_access_block
#     - account_public_access_block
#     - object_ownership
package rampart.rules.s3_website_via_cloudfront

import data.rampart.lib
import data.rampart.lib.s3

message(id) := sprintf("S3 bucket %v hosts a public static website: it is served over plain HTTP to everyone", [id])

# Public through the canned ACL.
results contains lib.result(b, ["website"], v, message(b.id)) if {
	some b in lib.resources("aws.s3.bucket")
	v := lib.all_of([
		lib.at(["website"], lib.truth(b.properties.website)),
		lib.at(["acl"], s3.public_acl(b.properties.acl)),
		acls_effective(b.properties),
	])
}

# Public through a grant.
results contains lib.result(b, ["website"], v, message(b.id)) if {
	some b in lib.resources("aws.s3.bucket")
	some g in s3.grants(b.properties.grants)
	v := lib.all_of([
		lib.at(["website"], lib.truth(b.properties.website)),
		lib.at(g.path, s3.public_grant(g.grant)),
		acls_effective(b.properties),
	])
}

# Public through the policy.
results contains lib.result(b, ["website"], v, message(b.id)) if {
	some b in lib.resources("aws.s3.bucket")
	some s in s3.statements(b.properties.policy)
	v := lib.all_of([
		lib.at(["website"], lib.truth(b.properties.website)),
		s3.public_statement(s),
		lib.at(["public_access_block"], both_off(b.properties.public_access_block, "block_public_policy", "restrict_public_buckets")),
		lib.at(["account_public_access_block"], both_off(b.properties.account_public_access_block, "block_public_policy", "restrict_public_buckets")),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

acls_effective(p) := lib.all_of([
	lib.at(["object_ownership"], acls_enabled(p.object_ownership)),
	lib.at(["public_access_block"], both_off(p.public_access_block, "block_public_acls", "ignore_public_acls")),
	lib.at(["account_public_access_block"], both_off(p.account_public_access_block, "block_public_acls", "ignore_public_acls")),
])

acls_enabled(o) := "yes" if {
	is_string(o)
	o != "BucketOwnerEnforced"
}

acls_enabled(o) := "maybe" if is_null(o)

both_off(pab, _, _) := "maybe" if is_null(pab)

both_off(pab, a, b) := "yes" if {
	pab[a] == false
	pab[b] == false
}

both_off(pab, a, b) := "maybe" if {
	not is_null(pab)
	off_or_unknown(pab[a])
	off_or_unknown(pab[b])
	not both_known_off(pab[a], pab[b])
}

both_known_off(x, y) if {
	x == false
	y == false
}

off_or_unknown(x) if x == false

off_or_unknown(x) if is_null(x)
