variable "group" {
  type = string
}

variable "policy_arn" {
  type = string
}

resource "aws_iam_group_policy_attachment" "admin" {
  group      = var.group
  policy_arn = var.policy_arn
}
