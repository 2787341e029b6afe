# A hardened data bucket, its log bucket and a trail bucket in the AWS
# provider v3 style (settings inline on aws_s3_bucket); the public access
# blocks are resources of their own, as in v3. No S3 rule finds anything.
resource "aws_kms_key" "s3" {
  enable_key_rotation = true
}

locals {
  buckets = {
    logs  = "acme-v3-logs"
    data  = "acme-v3-data"
    trail = "acme-v3-trail"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = local.buckets.logs

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "AES256"
      }
    }
  }
  versioning {
    enabled = true
  }
  lifecycle_rule {
    id      = "expire-logs"
    enabled = true
    expiration {
      days = 365
    }
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::acme-v3-logs", "arn:aws:s3:::acme-v3-logs/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "data" {
  bucket = local.buckets.data
  acl    = "private"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.s3.arn
      }
    }
  }
  versioning {
    enabled = true
  }
  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "data/"
  }
  lifecycle_rule {
    id      = "expire-noncurrent"
    enabled = true
    noncurrent_version_expiration {
      days = 90
    }
  }
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "DenyInsecureTransport",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::acme-v3-data", "arn:aws:s3:::acme-v3-data/*"],
      "Condition": {"Bool": {"aws:SecureTransport": "false"}}
    }
  ]
}
POLICY
}

resource "aws_s3_bucket" "trail" {
  bucket = local.buckets.trail

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.s3.arn
      }
    }
  }
  versioning {
    enabled    = true
    mfa_delete = true
  }
  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "trail/"
  }
  lifecycle_rule {
    id      = "archive"
    enabled = true
    transition {
      days          = 90
      storage_class = "GLACIER"
    }
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudTrailWrite"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "s3:PutObject"
        Resource  = "arn:aws:s3:::acme-v3-trail/AWSLogs/*"
        Condition = { StringEquals = { "s3:x-amz-acl" = "bucket-owner-full-control" } }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = ["arn:aws:s3:::acme-v3-trail", "arn:aws:s3:::acme-v3-trail/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
    ]
  })
}

resource "aws_s3_bucket_public_access_block" "all" {
  for_each                = local.buckets
  bucket                  = each.value
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
