variable "log" {
  type = bool
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

# Logging that may not exist: the data bucket may be logged, and the log
# bucket may be a log target.
resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" { # undecided: AWS-S3-006
  count         = var.log ? 1 : 0
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}
