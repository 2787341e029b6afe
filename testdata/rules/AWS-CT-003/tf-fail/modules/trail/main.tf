variable "validate" {
  type    = bool
  default = false
}

resource "aws_cloudtrail" "this" {
  name                       = "audit"
  s3_bucket_name             = "acme-audit-logs"
  enable_log_file_validation = var.validate # expect: AWS-CT-003
}
