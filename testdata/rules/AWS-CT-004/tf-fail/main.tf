resource "aws_cloudtrail" "plain" { # expect: AWS-CT-004
  name           = "plain"
  s3_bucket_name = "acme-trail-logs"
}

resource "aws_cloudtrail" "empty" {
  name           = "empty"
  s3_bucket_name = "acme-trail-logs"
  kms_key_id     = "" # expect: AWS-CT-004
}
