# enable_logging defaults to true.
resource "aws_cloudtrail" "default" {
  name           = "default"
  s3_bucket_name = "acme-trail-logs"
}

resource "aws_cloudtrail" "explicit" {
  name           = "explicit"
  s3_bucket_name = "acme-trail-logs"
  enable_logging = true
}
