resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_access_key" "deploy" { # expect: AWS-IAM-006
  user    = aws_iam_user.deploy.name
  pgp_key = "keybase:ops"
}

module "ci" {
  source = "./modules/ci"
}
