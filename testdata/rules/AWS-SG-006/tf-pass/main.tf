variable "monitoring_cidr" {
  type = string
}

resource "aws_security_group" "internal" {
  name        = "internal-sg"
  description = "Internal services"

  ingress {
    description = "DNS from the VPC"
    from_port   = 53
    to_port     = 53
    protocol    = "udp"
    cidr_blocks = ["10.0.0.0/16", "100.64.0.0/10"]
  }

  ingress {
    description = "ping from monitoring"
    from_port   = 8
    to_port     = 0
    protocol    = "icmp"
    cidr_blocks = [var.monitoring_cidr]  # undecided: AWS-SG-006
  }

  ingress {
    description = "HTTPS is TCP"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "statsd" {
  type              = "ingress"
  security_group_id = aws_security_group.internal.id
  description       = "statsd from members"
  from_port         = 8125
  to_port           = 8125
  protocol          = "udp"
  self              = true
}
