variable "vpc_id" {
  type = string
}

variable "office_cidr" {
  type        = string
  description = "No default and no tfvars: unknown at plan time, so no finding."
}

variable "vpn_cidrs" {
  type    = list(string)
  default = ["10.8.0.0/16", "172.20.0.0/16"]
}

data "aws_security_group" "bastion" {
  tags = { Role = "bastion" }
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "Application servers"
  vpc_id      = var.vpc_id

  ingress {
    description     = "SSH from the bastion group"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [data.aws_security_group.bastion.id]
  }

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr]  # undecided: AWS-SG-002
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "rdp_vpn" {
  for_each          = toset(var.vpn_cidrs)
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  description       = "RDP from VPN range ${each.value}"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = [each.value]
}

resource "aws_vpc_security_group_ingress_rule" "alt_ssh" {
  security_group_id = aws_security_group.app.id
  description       = "sshd on a non-admin port, outside the default admin list"
  ip_protocol       = "tcp"
  from_port         = 2200
  to_port           = 2200
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "range_near_ssh" {
  security_group_id = aws_security_group.app.id
  description       = "range ending just below 22"
  ip_protocol       = "tcp"
  from_port         = 10
  to_port           = 21
  cidr_ipv4         = "0.0.0.0/0"
}
