resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Disabled" # expect: AWS-S3-008
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

# Provider v3 style, the trail naming the bucket by name.
resource "aws_s3_bucket" "v3_trail" { # expect: AWS-S3-008
  bucket = "acme-v3-trail"
  versioning {
    enabled = true
  }
}

resource "aws_cloudtrail" "v3" {
  name           = "v3"
  s3_bucket_name = "acme-v3-trail"
}
