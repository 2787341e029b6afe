variable "multi_region" {
  type = bool
}

resource "aws_cloudtrail" "maybe" {
  name                  = "maybe"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = var.multi_region # undecided: AWS-CT-002
}
