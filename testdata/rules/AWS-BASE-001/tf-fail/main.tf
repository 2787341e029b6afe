# The account baseline's only trail records its own region (the
# provider's default).

resource "aws_cloudtrail" "main" { # expect: AWS-BASE-001
  name           = "main"
  s3_bucket_name = "acme-trail-logs"
}
