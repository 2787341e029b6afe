variable "extra_actions" {
  type = list(string)
}

variable "bucket_arn" {
  type = string
}

# A trust policy is not an identity policy.
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "*"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # every action on one bucket's objects, every EC2 action: broad, not admin
      { Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::reports/*" },
      { Effect = "Allow", Action = "ec2:*", Resource = "*" },
      # a deny of everything is a guard rail
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
    ]
  })
}

data "aws_iam_policy_document" "extra" {
  statement {
    actions   = var.extra_actions # undecided: AWS-IAM-001
    resources = ["*"]
  }
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}

resource "aws_iam_policy" "extra" {
  name   = "extra"
  policy = data.aws_iam_policy_document.extra.json
}

module "scoped" {
  source     = "./modules/scoped"
  bucket_arn = var.bucket_arn
}
