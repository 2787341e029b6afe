resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*" # expect: AWS-IAM-001
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = data.aws_iam_policy_document.trust.json

  inline_policy {
    name = "deploy"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        { Effect = "Allow", Action = ["cloudformation:*"], Resource = "*" },
        { Effect = "Allow", Action = ["*"], Resource = ["*"] }, # expect: AWS-IAM-001
      ]
    })
  }
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["codebuild.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "Everything"
    actions   = ["*"] # expect: AWS-IAM-001
    resources = ["*"]
  }
}

resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = data.aws_iam_policy_document.admin.json
}

module "ops" {
  source = "./modules/ops"
}
