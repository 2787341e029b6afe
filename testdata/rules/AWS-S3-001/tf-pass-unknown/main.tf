# The ACL comes from a variable without a value, or from a resource that
# may not exist: undecided, never a finding.
variable "acl" {
  type = string
}

variable "public" {
  type = bool
}

resource "aws_s3_bucket" "chosen" {
  bucket = "acme-chosen"
  acl    = var.acl # undecided: AWS-S3-001
}

resource "aws_s3_bucket" "maybe" {
  bucket = "acme-maybe"
}

resource "aws_s3_bucket_acl" "maybe" { # undecided: AWS-S3-001
  count  = var.public ? 1 : 0
  bucket = aws_s3_bucket.maybe.id
  acl    = "public-read"
}
