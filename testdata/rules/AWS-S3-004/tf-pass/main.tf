resource "aws_kms_key" "this" {
  enable_key_rotation = true
}

# Provider v3 style.
resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.this.arn
      }
    }
  }
}

# Provider v4+ style, by reference and by name.
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "v4" {
  bucket = aws_s3_bucket.v4.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.this.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "by_name" {
  bucket = "acme-by-name"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "by_name" {
  bucket = "acme-by-name"
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
