variable "website" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe-site"
}

resource "aws_s3_bucket_website_configuration" "maybe" { # undecided: AWS-S3-010
  count  = var.website ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket_public_access_block" "maybe" {
  bucket                  = aws_s3_bucket.maybe.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "maybe" {
  bucket = aws_s3_bucket.maybe.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.maybe.arn}/*"
    }]
  })
}
