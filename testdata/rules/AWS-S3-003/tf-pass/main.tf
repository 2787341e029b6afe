# Principal "*" restricted to the organization, and to a VPC endpoint.
variable "org_id" {
  type    = string
  default = "o-a1b2c3d4e5"
}

resource "aws_s3_bucket" "org" {
  bucket = "acme-org"
}

data "aws_iam_policy_document" "org" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.org.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = [var.org_id]
    }
  }
}

resource "aws_s3_bucket_policy" "org" {
  bucket = aws_s3_bucket.org.id
  policy = data.aws_iam_policy_document.org.json
}

resource "aws_s3_bucket" "vpce" {
  bucket = "acme-vpce"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-vpce/*"
      Condition = { StringEquals = { "aws:sourceVpce" = "vpce-1a2b3c4d" } }
    }]
  })
}

# A named account is not everyone.
resource "aws_s3_bucket" "partner" {
  bucket = "acme-partner"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::acme-partner/*"
    }]
  })
}
