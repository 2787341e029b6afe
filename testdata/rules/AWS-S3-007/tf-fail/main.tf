resource "aws_s3_bucket" "v3" { # expect: AWS-S3-007
  bucket = "acme-v3"
}

resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

# A policy that allows TLS-only reads but denies nothing.
resource "aws_s3_bucket_policy" "v4" {
  bucket = aws_s3_bucket.v4.id
  policy = jsonencode({ # expect: AWS-S3-007
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "${aws_s3_bucket.v4.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "true" } }
    }]
  })
}
