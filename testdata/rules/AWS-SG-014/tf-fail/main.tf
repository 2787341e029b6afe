variable "tools_group_id" {
  type        = string
  description = "a group managed elsewhere; whether it is a bastion is not known"
}

resource "aws_security_group" "bastion" {
  name_prefix = "bastion-"
  description = "bastion hosts"

  ingress {
    description = "office; a bastion group's own rules are exempt"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"]
  }
}

resource "aws_security_group" "monitoring" {
  name        = "monitoring"
  description = "monitoring servers"
  tags = {
    Role = "monitoring"
  }
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"

  ingress { # expect: AWS-SG-014
    description     = "from the monitoring servers"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.monitoring.id]
  }

  ingress {
    description = "everything from the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"] # expect: AWS-SG-014
  }

  ingress {
    description = "cluster members"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    self        = true # expect: AWS-SG-014
  }

  ingress {
    description = "public sources are AWS-SG-002's"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp_office" {
  security_group_id = aws_security_group.app.id
  description       = "RDP from the office address"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "203.0.113.7/32" # expect: AWS-SG-014
}

resource "aws_security_group" "worker" {
  name        = "worker"
  description = "workers, whose only admin source is not known"
}

resource "aws_security_group_rule" "ssh_tools" {
  type                     = "ingress"
  security_group_id        = aws_security_group.worker.id
  description              = "SSH from a group of another stack"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  source_security_group_id = var.tools_group_id # undecided: AWS-SG-014
}
