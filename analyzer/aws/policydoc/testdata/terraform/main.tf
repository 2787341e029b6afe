variable "actions" {
  type = list(string)
}

variable "extra" {
  type = list(object({ sid = string, actions = list(string) }))
}

resource "aws_s3_bucket" "b" {
  bucket = "logs"
}

resource "aws_iam_policy" "heredoc" {
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}
EOF
}

resource "aws_iam_policy" "encoded" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:*", "iam:PassRole"]
        Resource = "${aws_s3_bucket.b.arn}/*"
      },
      {
        Effect    = "Deny"
        NotAction = var.actions
        Resource  = "*"
      },
    ]
  })
}

resource "aws_iam_policy" "file" {
  policy = file("${path.module}/policy.json")
}

data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Base"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.b.arn]
  }
  statement {
    sid       = "Shared"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "over" {
  statement {
    sid       = "Shared"
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "merged" {
  source_policy_documents   = [data.aws_iam_policy_document.base.json]
  override_policy_documents = [data.aws_iam_policy_document.over.json]

  statement {
    sid       = "Base"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
  }
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "merged" {
  policy = data.aws_iam_policy_document.merged.json
}

data "aws_iam_policy_document" "dynamic" {
  dynamic "statement" {
    for_each = var.extra
    content {
      sid     = statement.value.sid
      actions = statement.value.actions
    }
  }
}

resource "aws_iam_policy" "dynamic" {
  policy = data.aws_iam_policy_document.dynamic.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "trust" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "known" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Admin"
      Effect    = "Allow"
      Action    = "*"
      Resource  = ["*"]
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Condition = { Bool = { "aws:MultiFactorAuthPresent" = true } }
    }]
  })
}

resource "aws_iam_policy" "interpolated" {
  policy = <<-EOF
    {
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "s3:PutObject",
          "Resource": "${aws_s3_bucket.b.arn}/*"
        }
      ]
    }
  EOF
}
