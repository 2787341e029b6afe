terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

variable "allowed_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "aws_security_group" "open" {
  name        = "open-sg"
  description = "Allow everything"

  ingress {
    description = "all traffic"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [
      "10.0.0.0/8",
      "0.0.0.0/0", # expect: AWS-SG-001
    ]
  }

  ingress {
    description = "all TCP from the allowed networks"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs # expect: AWS-SG-001
  }
}

resource "aws_security_group_rule" "all_v6" {
  type              = "ingress"
  security_group_id = aws_security_group.open.id
  description       = "everything over IPv6"
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  ipv6_cidr_blocks  = ["::/0"] # expect: AWS-SG-001
}

resource "aws_vpc_security_group_ingress_rule" "everything" {
  security_group_id = aws_security_group.open.id
  description       = "all protocols"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0" # expect: AWS-SG-001
}
