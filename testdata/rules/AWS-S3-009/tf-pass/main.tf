resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  lifecycle_rule {
    id      = "expire"
    enabled = true
    expiration {
      days = 30
    }
  }
}

resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_lifecycle_configuration" "v4" {
  bucket = aws_s3_bucket.v4.id
  rule {
    id     = "abort-uploads"
    status = "Enabled"
    filter {}
    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}
