variable "password" {
  type    = string
  default = "AKIAJ7QWERTY22222222"
}

resource "aws_rds_cluster" "this" {
  master_password = var.password
}
