variable "env" {
  default = "prod"
}

locals {
  port = 8080
}

resource "aws_security_group" "web" {
  description = "overridden"

  dynamic "ingress" {
    for_each = [local.port]
    content {
      from_port   = ingress.value
      to_port     = ingress.value
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "logs" {
  count = 2
}

resource "aws_iam_role" "app" {
  name = "role-${var.env}"
}

module "store" {
  name = "store-${var.env}"
}

terraform {
  required_version = ">= 1.5"
}

resource "aws_instance" "ghost" {
  ami = "ami-123"
}

moved {
  from = aws_s3_bucket.old
  to   = aws_s3_bucket.logs
}

resource "aws_iam_role" "app" {
  depends_on = [aws_security_group.web]
}

variable "replicas" {
  type = number
}

resource "aws_eip" "ip" {
  count = 1
}
