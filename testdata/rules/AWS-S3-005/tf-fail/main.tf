resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  versioning {
    enabled = false # expect: AWS-S3-005
  }
}

resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_versioning" "v4" {
  bucket = aws_s3_bucket.v4.id
  versioning_configuration {
    status = "Suspended" # expect: AWS-S3-005
  }
}

resource "aws_s3_bucket" "none" { # expect: AWS-S3-005
  bucket = "acme-none"
}
