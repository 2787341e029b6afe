# The logging root module of an account baseline split in two.

resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "acme-trail-logs"
  is_multi_region_trail = true
}
