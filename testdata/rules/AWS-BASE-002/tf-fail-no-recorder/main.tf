# expect: AWS-BASE-002
# An account baseline root module with a trail but no AWS Config recorder.

resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}
