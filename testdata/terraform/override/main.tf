variable "env" {
  default = "dev"
}

locals {
  name = "app-${var.env}"
  port = 80
}

provider "aws" {
  default_tags {
    tags = { Team = "core" }
  }
}

resource "aws_security_group" "web" {
  name        = local.name
  description = "original"

  ingress {
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["10.0.0.0/8"]
  }

  ingress {
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }

  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false
  }
}

resource "aws_s3_bucket" "logs" {
  count  = 1
  bucket = "${local.name}-logs-${count.index}"
  tags = {
    Env = var.env
  }

  grant {
    type        = "Group"
    permissions = ["FULL_CONTROL"]
  }
}

module "store" {
  source = "./store"
  name   = "original"
}

output "sg" {
  value = aws_security_group.web.name
}

variable "replicas" {
  type    = string
  default = "3"
}

resource "aws_autoscaling_group" "asg" {
  desired_capacity = var.replicas
}

resource "aws_eip" "ip" {
  for_each = toset(["a"])
  domain   = "vpc"
}
