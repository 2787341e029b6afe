# Provider v3 style: website block and a public ACL with ACLs enabled.
resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3-site"
  acl    = "public-read"
  website { # expect: AWS-S3-010
    index_document = "index.html"
  }
}

resource "aws_s3_bucket_ownership_controls" "v3" {
  bucket = aws_s3_bucket.v3.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_public_access_block" "v3" {
  bucket                  = aws_s3_bucket.v3.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

# Provider v4+ style: website configuration and a public policy.
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4-site"
}

resource "aws_s3_bucket_website_configuration" "v4" { # expect: AWS-S3-010
  bucket = aws_s3_bucket.v4.id
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket_public_access_block" "v4" {
  bucket                  = aws_s3_bucket.v4.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "v4" {
  bucket = aws_s3_bucket.v4.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.v4.arn}/*"
    }]
  })
}
