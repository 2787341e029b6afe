data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:*"] # expect: AWS-IAM-002
    resources = ["arn:aws:logs:*:*:log-group:/app/*"]
  }
}

resource "aws_iam_policy" "logs" {
  name   = "logs"
  policy = data.aws_iam_policy_document.logs.json
}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })

  inline_policy {
    name = "table"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "dynamodb:*" # expect: AWS-IAM-002
        Resource = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
      }]
    })
  }
}

module "app" {
  source = "./modules/app"
  role   = aws_iam_role.app.name
}
