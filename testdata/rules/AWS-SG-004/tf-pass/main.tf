variable "vpc_cidr" {
  type    = string
  default = "10.0.0.0/16"
}

variable "unknown_cidr" {
  type = string
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "PostgreSQL"

  ingress {
    description = "from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr, "172.16.0.0/12"]
  }

  ingress {
    description = "from somewhere decided at apply time"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.unknown_cidr]  # undecided: AWS-SG-004
  }

  ingress {
    description = "HTTPS is not a database port"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"]
  }
}

resource "aws_security_group_rule" "from_app" {
  type                     = "ingress"
  security_group_id        = aws_security_group.db.id
  description              = "from the app tier"
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.db.id
}
