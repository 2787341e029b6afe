resource "aws_kms_key" "data" { # expect: AWS-KMS-001
  description = "application data"
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = false # expect: AWS-KMS-001
}
