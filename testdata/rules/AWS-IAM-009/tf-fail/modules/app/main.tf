variable "role" {
  type = string
}

resource "aws_iam_role_policy" "logs" { # expect: AWS-IAM-009
  role = var.role
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }]
  })
}
