variable "peer_cidr" {
  type        = string
  description = "No default: unknown, so the rule cannot fire on it."
}

resource "aws_security_group" "cluster" {
  name        = "cluster-sg"
  description = "Cluster nodes"

  ingress {
    description = "all traffic between nodes"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    self        = true
  }

  ingress {
    description = "all traffic from the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16", "fd00::/8"]
  }

  ingress {
    description = "peer VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = [var.peer_cidr]  # undecided: AWS-SG-001
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "egress is not judged by this rule"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "almost_all" {
  type              = "ingress"
  security_group_id = aws_security_group.cluster.id
  description       = "ports 1-65535 are a range, not all ports"
  from_port         = 1
  to_port           = 65535
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
