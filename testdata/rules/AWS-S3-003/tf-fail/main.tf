# Provider v3 style: the policy on the bucket, as a JSON string.
resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  policy = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"PublicRead\", \"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::acme-v3/*\"}]}" # expect: AWS-S3-003
}

# Provider v4+ style: an aws_s3_bucket_policy with a policy document data
# source; 0.0.0.0/0 does not restrict the caller.
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

data "aws_iam_policy_document" "v4" {
  statement { # expect: AWS-S3-003
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.v4.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["0.0.0.0/0"]
    }
  }
}

resource "aws_s3_bucket_policy" "v4" {
  bucket = aws_s3_bucket.v4.id
  policy = data.aws_iam_policy_document.v4.json
}

resource "aws_s3_bucket" "json" {
  bucket = "acme-json"
}

resource "aws_s3_bucket_policy" "json" {
  bucket = "acme-json"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ # expect: AWS-S3-003
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:ListBucket"
      Resource  = aws_s3_bucket.json.arn
    }]
  })
}
