resource "aws_cloudtrail" "unvalidated" {
  name                       = "unvalidated"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = false # expect: AWS-CT-003
}

# The module's default leaves validation off.
module "audit" {
  source = "./modules/trail"
}
