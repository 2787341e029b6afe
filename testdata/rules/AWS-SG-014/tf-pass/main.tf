variable "office_cidr" {
  type    = string
  default = "198.51.100.0/24"
}

resource "aws_security_group" "jump" {
  name        = "jump-hosts"
  description = "jump hosts"

  ingress {
    description = "office; the jump host group's own rules are exempt"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr]
  }
}

resource "aws_security_group" "admin" {
  name        = "admin-hosts"
  description = "administration hosts"
  tags = {
    Role = "bastion"
  }
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"

  ingress {
    description     = "SSH from the jump hosts"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = [aws_security_group.jump.id]
  }

  ingress {
    description     = "a literal group outside the scan is not judged"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    security_groups = ["sg-0123456789abcdef0"]
  }

  ingress {
    description     = "a prefix list is not judged"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = ["pl-0123456789abcdef0"]
  }

  ingress {
    description = "all traffic between cluster members: trust, not an admin grant"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }

  ingress {
    description = "HTTPS is not an admin port"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_vpc_security_group_ingress_rule" "rdp_admin" {
  security_group_id            = aws_security_group.app.id
  description                  = "RDP from the hosts tagged Role=bastion"
  ip_protocol                  = "tcp"
  from_port                    = 3389
  to_port                      = 3389
  referenced_security_group_id = aws_security_group.admin.id
}
