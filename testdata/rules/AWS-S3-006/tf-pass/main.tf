# The log bucket receives the data buckets' logs (by reference and by
# name): it is exempt.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
}

resource "aws_s3_bucket" "v3" {
  bucket = "acme-v3"
  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "v3/"
  }
}

resource "aws_s3_bucket" "v4" {
  bucket = "acme-v4"
}

resource "aws_s3_bucket_logging" "v4" {
  bucket        = aws_s3_bucket.v4.id
  target_bucket = "acme-logs"
  target_prefix = "v4/"
}

# A log target whose policy lets the logging service write.
resource "aws_s3_bucket" "service_logs" {
  bucket = "acme-service-logs"
}

data "aws_iam_policy_document" "service_logs" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-service-logs/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
  }
}

resource "aws_s3_bucket_policy" "service_logs" {
  bucket = aws_s3_bucket.service_logs.id
  policy = data.aws_iam_policy_document.service_logs.json
}
