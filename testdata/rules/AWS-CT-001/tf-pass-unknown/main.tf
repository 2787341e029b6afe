variable "logging" {
  type = bool
}

resource "aws_cloudtrail" "maybe" {
  name           = "maybe"
  s3_bucket_name = "acme-trail-logs"
  enable_logging = var.logging # undecided: AWS-CT-001
}
