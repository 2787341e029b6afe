variable "reporting_cidr" {
  type = string
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "App tier"

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "db" {
  name        = "db-sg"
  description = "PostgreSQL"

  ingress {
    description     = "PostgreSQL from the app tier"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.app.id]
  }

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "reporting tool, CIDR unknown until apply"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.reporting_cidr]  # undecided: AWS-SG-003
  }
}

resource "aws_vpc_security_group_ingress_rule" "near_miss" {
  security_group_id = aws_security_group.db.id
  description       = "one above MySQL"
  ip_protocol       = "tcp"
  from_port         = 3307
  to_port           = 3307
  cidr_ipv4         = "0.0.0.0/0"
}
