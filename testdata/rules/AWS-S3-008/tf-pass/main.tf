resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_s3_bucket_versioning" "trail" {
  bucket = aws_s3_bucket.trail.id
  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_s3_bucket" "v3_trail" {
  bucket = "acme-v3-trail"
  versioning {
    enabled    = true
    mfa_delete = true
  }
}

resource "aws_cloudtrail" "v3" {
  name           = "v3"
  s3_bucket_name = aws_s3_bucket.v3_trail.bucket
}

# Not a trail bucket: not judged.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
