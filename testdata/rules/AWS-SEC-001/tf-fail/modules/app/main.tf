variable "access_key" {
  type = string
}

resource "aws_ssm_parameter" "key" {
  name  = "/app/access-key"
  type  = "SecureString"
  value = var.access_key
}
