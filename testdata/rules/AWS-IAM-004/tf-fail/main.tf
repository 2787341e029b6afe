resource "aws_iam_user" "ci" {
  name = "ci"
}

resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::artifacts/*" }]
  })
}

module "users" {
  source    = "./modules/users"
  policy    = aws_iam_policy.deploy.arn
  user_name = aws_iam_user.ci.name
}
