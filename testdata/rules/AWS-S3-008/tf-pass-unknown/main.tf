variable "create_trail" {
  type = bool
}

resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_cloudtrail" "maybe" { # undecided: AWS-S3-008
  count          = var.create_trail ? 1 : 0
  name           = "maybe"
  s3_bucket_name = aws_s3_bucket.trail.id
}
