variable "bucket_arn" {
  type = string
}

resource "aws_iam_user" "reader" {
  name = "reader"

  inline_policy {
    name = "read"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = [var.bucket_arn, "${var.bucket_arn}/*"]
      }]
    })
  }
}
