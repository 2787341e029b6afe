# Provider v4+ style: the deny written through aws_iam_policy_document.
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

data "aws_iam_policy_document" "tls" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.v4.arn, "${aws_s3_bucket.v4.arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "v4" {
  bucket = aws_s3_bucket.v4.id
  policy = data.aws_iam_policy_document.tls.json
}

# Provider v3 style: the policy on the bucket.
resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-v3", "arn:aws:s3:::acme-v3/*"]
      Condition = { Bool = { "aws:SecureTransport" = false } }
    }]
  })
}
