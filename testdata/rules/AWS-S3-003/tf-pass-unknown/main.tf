# The principal comes from a variable without a value; the policy resource
# may not exist.
variable "reader" {
  type = string
}

variable "public" {
  type = bool
}

resource "aws_s3_bucket" "chosen" {
  bucket = "acme-chosen"
}

resource "aws_s3_bucket_policy" "chosen" {
  bucket = aws_s3_bucket.chosen.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reader } # undecided: AWS-S3-003
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-chosen/*"
    }]
  })
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_policy" "maybe" { # undecided: AWS-S3-003
  count  = var.public ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-maybe/*"
    }]
  })
}
