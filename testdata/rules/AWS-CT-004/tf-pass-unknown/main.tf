variable "kms_key_arn" {
  type = string
}

resource "aws_cloudtrail" "maybe" {
  name           = "maybe"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = var.kms_key_arn # undecided: AWS-CT-004
}
