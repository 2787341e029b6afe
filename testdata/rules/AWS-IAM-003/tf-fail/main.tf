data "aws_iam_policy_document" "all_but_iam" {
  statement {
    not_actions = ["iam:*"] # expect: AWS-IAM-003
    resources   = ["*"]
  }
}

resource "aws_iam_group_policy" "ops" {
  group  = "ops"
  policy = data.aws_iam_policy_document.all_but_iam.json
}

resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect      = "Allow"
      Action      = "s3:GetObject"
      NotResource = ["arn:aws:s3:::secrets/*"] # expect: AWS-IAM-003
    }]
  })
}
