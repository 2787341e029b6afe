# The account-level block may not exist: whether the website bucket's public
# policy is public is not known.
variable "block_account" {
  type = bool
}

resource "aws_s3_account_public_access_block" "this" { # undecided: AWS-S3-010
  count                   = var.block_account ? 1 : 0
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "site" {
  bucket = "acme-maybe-blocked-site"
}

resource "aws_s3_bucket_website_configuration" "site" {
  bucket = aws_s3_bucket.site.id
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket_public_access_block" "site" {
  bucket                  = aws_s3_bucket.site.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.site.arn}/*"
    }]
  })
}
