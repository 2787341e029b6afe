resource "aws_cloudtrail" "validated" {
  name                       = "validated"
  s3_bucket_name             = "acme-trail-logs"
  enable_log_file_validation = true
}
