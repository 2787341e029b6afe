resource "aws_s3_bucket" "v3" { # expect: AWS-S3-009
  bucket = "acme-v3"
  acl    = "private"
}

resource "aws_s3_bucket" "v4" { # expect: AWS-S3-009
  bucket = "acme-v4"
}
