variable "policy" {
  type = string
}

variable "user_name" {
  type = string
}

resource "aws_iam_user_policy_attachment" "deploy" {
  user       = var.user_name # expect: AWS-IAM-004
  policy_arn = var.policy
}

resource "aws_iam_user" "audit" {
  name = "audit"
}

resource "aws_iam_user_policy_attachment" "read_only" {
  user       = aws_iam_user.audit.name # expect: AWS-IAM-004
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_user_policy" "audit" {
  user = aws_iam_user.audit.name # expect: AWS-IAM-004
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "cloudtrail:LookupEvents", Resource = "*" }]
  })
}
