variable "actions" {
  type = list(string)
}

data "aws_iam_policy_document" "read" {
  statement {
    actions   = ["s3:GetObject", "s3:List*"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::audit/*"]
  }
  statement {
    actions   = var.actions # undecided: AWS-IAM-002
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = data.aws_iam_policy_document.read.json
}

# Every action on every resource is AWS-IAM-001's, not this rule's.
resource "aws_iam_group_policy" "admins" {
  group = "admins"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["ec2:*", "*"], Resource = "*" }]
  })
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:*", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}
