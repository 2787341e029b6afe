variable "external_id" {
  type = string
}

data "aws_iam_policy_document" "partner" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = ["partner-7f3a"]
    }
  }
}

resource "aws_iam_role" "partner" {
  name               = "partner"
  assume_role_policy = data.aws_iam_policy_document.partner.json
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:role/deployer" } },
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } },
    ]
  })
}

variable "external_ids" {
  type = list(string)
}

# The external IDs are not known: whether they guard the trust is undecided.
data "aws_iam_policy_document" "vendor" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::777788889999:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = var.external_ids # undecided: AWS-IAM-008
    }
  }
}

resource "aws_iam_role" "vendor" {
  name               = "vendor"
  assume_role_policy = data.aws_iam_policy_document.vendor.json
}
