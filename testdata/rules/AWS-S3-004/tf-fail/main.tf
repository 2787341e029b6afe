resource "aws_s3_bucket" "v3" { # expect: AWS-S3-004
  bucket = "acme-v3"
  acl    = "private"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "v4" { # expect: AWS-S3-004
  bucket = "acme-v4"
}

# Encryption configured for another bucket does not count.
resource "aws_s3_bucket_server_side_encryption_configuration" "other" {
  bucket = "bucket-of-another-stack"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
