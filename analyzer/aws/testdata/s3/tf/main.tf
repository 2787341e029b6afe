variable "create_logging" {
  type = bool
}

variable "rules" {
  type = list(string)
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

# v3 inline settings; the ACL also set by a resource: a conflict.
resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  acl    = "private"
  grant {
    type        = "Group"
    uri         = "http://acs.amazonaws.com/groups/global/AllUsers"
    permissions = ["READ", "READ_ACP"]
  }
  versioning {
    enabled    = true
    mfa_delete = true
  }
  logging {
    target_bucket = "acme-logs"
  }
  dynamic "lifecycle_rule" {
    for_each = var.rules
    content {
      id      = lifecycle_rule.value
      enabled = true
    }
  }
}

resource "aws_s3_bucket_acl" "v3" {
  bucket = aws_s3_bucket.v3.id
  acl    = "public-read"
}

# v4 resources by .id, by .bucket and by name; logging that may not exist.
resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_versioning" "v4" {
  bucket = aws_s3_bucket.v4.bucket
  versioning_configuration {
    status     = "Suspended"
    mfa_delete = "Disabled"
  }
}

resource "aws_s3_bucket_website_configuration" "v4" {
  bucket = "acme-v4"
  index_document {
    suffix = "index.html"
  }
}

resource "aws_s3_bucket_ownership_controls" "v4" {
  bucket = aws_s3_bucket.v4.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_logging" "v4" {
  count         = var.create_logging ? 1 : 0
  bucket        = aws_s3_bucket.v4.id
  target_bucket = aws_s3_bucket.logs.id
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "acme-logs"
}

# Attaches to a bucket outside the scan: a note, folded nowhere.
resource "aws_s3_bucket_policy" "elsewhere" {
  bucket = "bucket-of-another-stack"
  policy = "{}"
}
