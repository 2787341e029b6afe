# METADATA
# title: CloudTrail bucket without MFA delete
# description: |
#   Fires for each S3 bucket of the scan that a trail of the scan writes to
#   (AWS::CloudTrail::Trail S3BucketName, aws_cloudtrail s3_bucket_name,
#   naming the bucket by reference or by name) and whose versioning does not
#   have MFA delete enabled (Terraform aws_s3_bucket_versioning
#   versioning_configuration mfa_delete = "Enabled", or v3 versioning {
#   mfa_delete = true }). Without it, anyone holding the bucket owner's
#   credentials can delete log versions and erase an intruder's trace.
#   CloudFormation cannot enable MFA delete, so a CloudFormation trail
#   bucket always fires: enable it out of band and suppress the finding
#   with that reason. Buckets no trail of the scan names are not judged; a
#   trail that may not exist, or an MFA delete setting that is not known,
#   makes the result undecided. The finding points at the setting.
# custom:
#   id: AWS-S3-008
#   name: s3-mfa-delete
#   severity: LOW
#   remediation: |
#     Enable versioning with MFA delete on the trail's bucket. Terraform:
#     aws_s3_bucket_versioning with versioning_configuration { status =
#     "Enabled", mfa_delete = "Enabled" } and mfa = "<serial> <code>" (the
#     root user's MFA device). CloudFormation cannot set it: as the root
#     user run aws s3api put-bucket-versioning --bucket NAME
#     --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa
#     "SERIAL CODE", and suppress the finding.
#   references:
#     - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
#     - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html
#   equivalents:
#     - checkov:CKV_AWS_52
#   kinds:
#     - aws.s3.bucket
#   reads:
#     - receives_cloudtrail
#     - mfa_delete
package rampart.rules.s3_mfa_delete

import data.rampart.lib

results contains lib.result(b, ["mfa_delete"], v, sprintf("S3 bucket %v receives CloudTrail logs but has no MFA delete: log versions can be deleted with the owner's credentials alone", [b.id])) if {
	some b in lib.resources("aws.s3.bucket")
	v := lib.all_of([
		lib.at(["receives_cloudtrail"], lib.truth(b.properties.receives_cloudtrail)),
		lib.at(["mfa_delete"], off(b.properties.mfa_delete)),
	])
}

deny := lib.certain(results)

undecided := lib.uncertain(results)

off(x) := "yes" if x == false

off(x) := "maybe" if is_null(x)
