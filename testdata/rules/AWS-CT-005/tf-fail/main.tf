resource "aws_cloudtrail" "no_logs" { # expect: AWS-CT-005
  name           = "no-logs"
  s3_bucket_name = "acme-trail-logs"
}

resource "aws_cloudtrail" "empty" {
  name                       = "empty"
  s3_bucket_name             = "acme-trail-logs"
  cloud_watch_logs_group_arn = "" # expect: AWS-CT-005
}
