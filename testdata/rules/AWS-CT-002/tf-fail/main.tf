# is_multi_region_trail defaults to false.
resource "aws_cloudtrail" "regional" { # expect: AWS-CT-002
  name           = "regional"
  s3_bucket_name = "acme-trail-logs"
}

locals {
  regions = {
    us = false
  }
}

resource "aws_cloudtrail" "per_region" {
  for_each              = local.regions
  name                  = "trail-${each.key}"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = each.value # expect: AWS-CT-002
}
