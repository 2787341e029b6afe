resource "aws_iam_group" "admins" {
  name = "admins"
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"] # expect: AWS-IAM-007
    resources = ["*"]
  }
}

resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

# The attachment is written in a module: it still reaches the group.
module "admins" {
  source     = "./modules/admins"
  group      = aws_iam_group.admins.name
  policy_arn = aws_iam_policy.admin.arn
}

resource "aws_iam_user_policy_attachment" "iam" {
  user       = aws_iam_user.ops.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess" # expect: AWS-IAM-007
}

resource "aws_iam_user" "ops" {
  name = "ops"
}
