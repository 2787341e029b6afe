variable "encrypt" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "maybe" { # undecided: AWS-S3-004
  count  = var.encrypt ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

# Written twice: which one applies last is not known.
resource "aws_s3_bucket" "twice" {
  bucket = "acme-twice"
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "twice" { # undecided: AWS-S3-004
  bucket = aws_s3_bucket.twice.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
