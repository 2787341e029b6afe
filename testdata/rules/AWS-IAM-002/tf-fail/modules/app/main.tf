variable "role" {
  type = string
}

resource "aws_iam_role_policy" "queue" {
  role = var.role
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sqs:SendMessage", "sns:*"] # expect: AWS-IAM-002
      Resource = "*"
    }]
  })
}
