# The block names the bucket by reference, by its bucket attribute, or by
# name.
resource "aws_s3_bucket" "by_id" {
  bucket = "acme-by-id"
}

resource "aws_s3_bucket_public_access_block" "by_id" {
  bucket                  = aws_s3_bucket.by_id.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "by_name" {
  bucket = "acme-by-name"
}

resource "aws_s3_bucket_public_access_block" "by_name" {
  bucket                  = "acme-by-name"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

locals {
  buckets = toset(["a", "b"])
}

resource "aws_s3_bucket" "each" {
  for_each = local.buckets
  bucket   = "acme-each-${each.key}"
}

resource "aws_s3_bucket_public_access_block" "each" {
  for_each                = local.buckets
  bucket                  = aws_s3_bucket.each[each.key].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
