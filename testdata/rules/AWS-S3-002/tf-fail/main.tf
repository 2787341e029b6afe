# Provider v3 style: nothing about public access on the bucket.
resource "aws_s3_bucket" "v3" { # expect: AWS-S3-002
  bucket = "acme-v3"
  acl    = "private"
}

# Provider v4+ style: a block resource with one setting off, and one that
# leaves a setting out (false).
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_public_access_block" "v4" {
  bucket                  = aws_s3_bucket.v4.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = false # expect: AWS-S3-002
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "partial" {
  bucket = "acme-partial"
}

resource "aws_s3_bucket_public_access_block" "partial" { # expect: AWS-S3-002
  bucket              = "acme-partial"
  block_public_acls   = true
  block_public_policy = true
  ignore_public_acls  = true
}

# The account-level block is not the bucket's.
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "account_only" { # expect: AWS-S3-002
  bucket = "acme-account-only"
}
