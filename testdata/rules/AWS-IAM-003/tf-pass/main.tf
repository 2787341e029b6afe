variable "effect" {
  type = string
}

data "aws_iam_policy_document" "mfa" {
  statement {
    sid         = "DenyWithoutMfa"
    effect      = "Deny"
    not_actions = ["iam:ListMFADevices", "iam:EnableMFADevice", "sts:GetSessionToken"]
    resources   = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
  statement {
    effect      = var.effect # undecided: AWS-IAM-003
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_group_policy" "admins" {
  group  = "admins"
  policy = data.aws_iam_policy_document.mfa.json
}
