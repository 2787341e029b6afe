resource "aws_vpc" "main" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
}

module "bastion_sg" {
  source = "./modules/service-sg"

  name        = "orders-bastion"
  description = "SSH access to the orders bastion host"
  vpc_id      = aws_vpc.main.id
  tier        = "admin"
  ssh_cidrs   = var.admin_cidrs
}

resource "aws_security_group" "app" {
  name        = "orders-app"
  description = "Orders API behind the load balancer"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "HTTPS from inside the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Tier = "app"
  }
}

resource "aws_security_group" "db" {
  name        = "orders-db"
  description = "PostgreSQL for the orders service"
  vpc_id      = aws_vpc.main.id

  tags = {
    Tier = "data"
  }
}

resource "aws_security_group_rule" "db_from_app" {
  type                     = "ingress"
  description              = "PostgreSQL from the app tier"
  security_group_id        = aws_security_group.db.id
  from_port                = 5432
  to_port                  = 5432
  protocol                 = "tcp"
  source_security_group_id = aws_security_group.app.id
}

resource "aws_security_group_rule" "db_reporting" {
  type              = "ingress"
  description       = "Reporting tool (vendor SaaS)"
  security_group_id = aws_security_group.db.id
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_instance" "app" {
  count = 2

  ami                    = "ami-0c1a7f89451184c8b"
  instance_type          = "t3.small"
  vpc_security_group_ids = [aws_security_group.app.id]

  metadata_options {
    http_tokens = "required"
  }
}
