variable "partner_cidrs" {
  type    = list(string)
  default = ["10.50.0.0/16", "203.0.113.0/24"]
}

resource "aws_security_group" "redis" {
  name        = "redis-sg"
  description = "ElastiCache Redis"

  ingress {
    description = "Redis for partners"
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = var.partner_cidrs # expect: AWS-SG-004
  }

  ingress {
    description = "everything from the datacenter"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["192.0.2.0/24"] # expect: AWS-SG-004
  }
}

resource "aws_vpc_security_group_ingress_rule" "mssql" {
  security_group_id = aws_security_group.redis.id
  description       = "SQL Server from the branch office"
  ip_protocol       = "tcp"
  from_port         = 1433
  to_port           = 1433
  cidr_ipv4         = "11.0.0.0/8" # expect: AWS-SG-004
}
