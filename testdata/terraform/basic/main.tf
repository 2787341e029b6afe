provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = {
      Team = var.team
    }
  }
}

provider "aws" {
  alias  = "west"
  region = "us-west-2"
}

variable "team" {
  type    = string
  default = "platform"
}

variable "cidrs" {
  type = list(string)
}

variable "ports" {
  type = map(number)
  default = {
    ssh   = 22
    https = 443
  }
}

variable "enable_public" {
  type    = bool
  default = false
}

variable "vpc_id" {
  type = string
}

locals {
  name   = "web-${var.team}"
  public = var.enable_public ? ["0.0.0.0/0"] : var.cidrs
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = {
    Name = local.name
  }
}

resource "aws_security_group" "web" {
  name   = local.name
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = local.public
  }

  dynamic "ingress" {
    for_each = var.ports
    iterator = port
    content {
      from_port   = port.value
      to_port     = port.value
      protocol    = "tcp"
      cidr_blocks = [aws_vpc.main.cidr_block]
      description = "allow ${port.key}"
    }
  }
}

resource "aws_security_group_rule" "public" {
  for_each          = var.ports
  type              = "ingress"
  from_port         = each.value
  to_port           = each.value
  protocol          = "tcp"
  cidr_blocks       = var.cidrs
  security_group_id = aws_security_group.web.id
}

resource "aws_instance" "web" {
  count                  = 2
  provider               = aws.west
  ami                    = "ami-123"
  instance_type          = count.index == 0 ? "t3.micro" : "t3.large"
  vpc_security_group_ids = [aws_security_group.web.id]
  user_data              = "${aws_vpc.main.id}-${timestamp()}"
  subnet_id              = var.vpc_id
  depends_on             = [aws_vpc.main]
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = upper(local.name)
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

moved {
  from = aws_instance.old
  to   = aws_instance.web
}

import {
  to = aws_vpc.main
  id = "vpc-123"
}

removed {
  from = aws_s3_bucket.legacy
  lifecycle {
    destroy = false
  }
}

check "health" {
  data "http" "site" {
    url = "https://example.com"
  }
  assert {
    condition     = data.http.site.status_code == 200
    error_message = "down"
  }
}

locals {
  sg_list = concat([aws_security_group.web.id], ["sg-static"])
}

resource "aws_network_interface" "n" {
  subnet_id       = "subnet-1"
  security_groups = local.sg_list
}

resource "aws_eip" "per_instance" {
  count    = 2
  instance = aws_instance.web[count.index].id
}
