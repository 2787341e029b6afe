# METADATA
# title: CloudTrail bucket public or not logged
# description: |
#   Fires for each S3 bucket of the scan that a CloudTrail trail of the scan
#   writes to (S3BucketName / s3_bucket_name names it by reference or by
#   name; the bucket's receives_cloudtrail) when the bucket is public or has
#   no server access logging, by the S3 rules' own definitions
#   (policies/lib/s3.rego): a public canned ACL or a grant to everyone or
#   every AWS account (AWS-S3-001), no bucket-level public access block with
#   all four settings on (AWS-S3-002), a policy statement that allows
#   everyone without a condition restricting the caller (AWS-S3-003), or no
#   server access logging, a bucket that receives server access logs itself
#   being exempt (AWS-S3-006). A public trail bucket lets anyone read the
#   account's activity, or delete it; an unlogged one hides who read it.
#   Each shortcoming is one finding at the bucket's setting that causes it,
#   or at the bucket. A bucket outside the scan is not judged (a central log
#   account's bucket). A trail whose bucket cannot be told (a name not known
#   before deployment while the unit has named buckets) is undecided at the
#   trail, as is a bucket whose trail may not exist or whose setting is not
#   known.
# custom:
#   id: AWS-CT-006
#   name: cloudtrail-bucket-protected
#   severity: HIGH
#   remediation: |
#     Keep the trail's bucket private and log who reads it: block all
#     public access, drop public ACLs and grants, let the bucket policy
#     allow cloudtrail.amazonaws.com (with an aws:SourceArn condition naming
#     the trail) rather than "*", and send its server access logs to another
#     bucket. CloudFormation: on the AWS::S3::Bucket,
#     PublicAccessBlockConfiguration with the four settings true and
#     LoggingConfiguration: {DestinationBucketName: !Ref AccessLogBucket}.
#     Terraform: aws_s3_bucket_public_access_block with the four settings
#     true and aws_s3_bucket_logging with target_bucket = the access log
#     bucket.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-6
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
#   equivalents:
#     - trivy:AVD-AWS-0161
#     - trivy:AVD-AWS-0163
#     - tfsec:aws-cloudtrail-no-public-log-access
#     - tfsec:aws-cloudtrail-require-bucket-access-logging
#   kinds:
#     - aws.s3.bucket
#     - aws.cloudtrail.trail
#   reads:
#     - receives_cloudtrail
package rampart.rules.cloudtrail_bucket_protected

import data.rampart.lib
import data.rampart.lib.s3

results contains lib.result(b, e.path, v, sprintf("S3 bucket %v receives CloudTrail logs and %v", [b.id, e.text])) if {
	some b in lib.resources("aws.s3.bucket")
	receives := lib.at(["receives_cloudtrail"], lib.truth(b.properties.receives_cloudtrail))
	some e in array.concat(s3.exposures(b.properties), s3.logging_gaps(b.properties))
	v := lib.all_of([receives, e.verdict])
}

# A trail whose bucket may be one of the scan's, or not.
results contains lib.result(t, ["bucket"], lib.at(["bucket"], "maybe"), "") if {
	some t in lib.resources("aws.cloudtrail.trail")
	is_null(t.properties.bucket)
	not bucket_of_scan(t.refs)
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

bucket_of_scan(refs) if {
	some ref in refs
	ref.path == ["bucket"]
}
