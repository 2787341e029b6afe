resource "aws_cloudtrail" "stopped" {
  name           = "stopped"
  s3_bucket_name = "acme-trail-logs"
  enable_logging = false # expect: AWS-CT-001
}

# A module whose caller turns logging off.
module "audit" {
  source  = "./modules/trail"
  logging = false
}
