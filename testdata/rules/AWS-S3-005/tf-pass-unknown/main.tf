variable "versioning" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_versioning" "maybe" { # undecided: AWS-S3-005
  count  = var.versioning ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  versioning_configuration {
    status = "Enabled"
  }
}
