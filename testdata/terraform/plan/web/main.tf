terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

variable "db_password" {
  type      = string
  sensitive = true
}

data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier"
  vpc_id      = module.net.vpc_id

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [
      "203.0.113.0/24",
      "198.51.100.0/24",
    ]
  }

  tags = {
    Name = "web"
    Tier = "frontend"
  }
}

resource "aws_security_group_rule" "ssh_anywhere" {
  type              = "ingress"
  description       = "SSH for the on-call"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.web.id
}

resource "aws_instance" "web" {
  count                  = 2
  ami                    = data.aws_ami.ubuntu.id
  instance_type          = "t3.micro"
  subnet_id              = module.net.subnet_id
  vpc_security_group_ids = [aws_security_group.web.id]

  root_block_device {
    encrypted   = true
    volume_size = 20
  }

  tags = {
    Name = "web-${count.index}"
  }

  depends_on = [aws_security_group_rule.ssh_anywhere]
}

resource "aws_ssm_parameter" "db_password" {
  name  = "/web/db/password"
  type  = "SecureString"
  value = var.db_password
}
