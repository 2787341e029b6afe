resource "aws_security_group" "web" { # expect: AWS-SG-007
  name = "web-sg"

  ingress { # expect: AWS-SG-007
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "anywhere, for package updates"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "Managed by Terraform" # expect: AWS-SG-007
}

resource "aws_security_group_rule" "db_from_web" { # expect: AWS-SG-007
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  source_security_group_id = aws_security_group.web.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "db_out" { # expect: AWS-SG-007
  security_group_id = aws_security_group.db.id
  description       = ""
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}
