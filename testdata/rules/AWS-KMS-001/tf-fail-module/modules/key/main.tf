variable "name" {
  type = string
}

variable "enable_key_rotation" {
  type    = bool
  default = false
}

resource "aws_kms_key" "this" {
  description         = var.name
  enable_key_rotation = var.enable_key_rotation # expect: AWS-KMS-001
}
