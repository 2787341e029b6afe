variable "rules" {
  type = list(object({ id = string, days = number }))
}

resource "aws_s3_bucket" "dynamic" {
  bucket = "acme-dynamic"
}

resource "aws_s3_bucket_lifecycle_configuration" "dynamic" {
  bucket = aws_s3_bucket.dynamic.id
  dynamic "rule" { # undecided: AWS-S3-009
    for_each = var.rules
    content {
      id     = rule.value.id
      status = "Enabled"
      filter {}
      expiration {
        days = rule.value.days
      }
    }
  }
}
