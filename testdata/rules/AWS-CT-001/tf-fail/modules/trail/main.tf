variable "logging" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "this" {
  name           = "audit"
  s3_bucket_name = "acme-audit-logs"
  enable_logging = var.logging # expect: AWS-CT-001
}
