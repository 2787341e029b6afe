variable "attach_to_user" {
  type = bool
}

resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_user" "erin" {
  name = "erin"
}

resource "aws_iam_user_group_membership" "erin" {
  user   = aws_iam_user.erin.name
  groups = [aws_iam_group.developers.name]
}

resource "aws_iam_group_policy_attachment" "read_only" {
  group      = aws_iam_group.developers.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "lambda" {
  role       = "app"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

resource "aws_iam_user_policy_attachment" "maybe" { # undecided: AWS-IAM-004
  count      = var.attach_to_user ? 1 : 0
  user       = aws_iam_user.erin.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
