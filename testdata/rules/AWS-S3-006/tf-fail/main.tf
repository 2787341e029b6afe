resource "aws_s3_bucket" "v3" { # expect: AWS-S3-006
  bucket = "acme-v3"
  acl    = "private"
}

resource "aws_s3_bucket" "v4" { # expect: AWS-S3-006
  bucket = "acme-v4"
}

# A logging resource for another bucket does not log these.
resource "aws_s3_bucket_logging" "elsewhere" {
  bucket        = "bucket-of-another-stack"
  target_bucket = "acme-central-logs"
  target_prefix = "elsewhere/"
}
