variable "deny_insecure" {
  type = bool
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_policy" "maybe" { # undecided: AWS-S3-007
  count  = var.deny_insecure ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-maybe", "arn:aws:s3:::acme-maybe/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
