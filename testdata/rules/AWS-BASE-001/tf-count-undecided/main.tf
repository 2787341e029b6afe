# The only multi-region trail exists when a variable without a default
# says so; a regional trail beside it depends on it.

variable "create_trail" {
  type = bool
}

resource "aws_cloudtrail" "main" { # undecided: AWS-BASE-001, AWS-BASE-001
  count                 = var.create_trail ? 1 : 0
  name                  = "main"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}

resource "aws_cloudtrail" "regional" {
  name           = "regional"
  s3_bucket_name = "acme-trail-logs"
}
