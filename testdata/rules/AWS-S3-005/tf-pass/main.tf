resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_versioning" "v4" {
  bucket = "acme-v4"
  versioning_configuration {
    status = "Enabled"
  }
}
