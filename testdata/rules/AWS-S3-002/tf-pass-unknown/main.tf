# Whether the block exists, or one of its settings, is not known.
variable "create_block" {
  type = bool
}

variable "restrict" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_public_access_block" "maybe" { # undecided: AWS-S3-002
  count                   = var.create_block ? 1 : 0
  bucket                  = aws_s3_bucket.maybe.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "chosen" {
  bucket = "acme-chosen"
}

resource "aws_s3_bucket_public_access_block" "chosen" {
  bucket                  = aws_s3_bucket.chosen.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.restrict # undecided: AWS-S3-002
}
