variable "service_ports" {
  type        = list(number)
  description = "No default: the number of rules is unknown."
}

resource "aws_security_group" "services" {
  name        = "services-sg"
  description = "Service mesh"

  dynamic "ingress" {  # undecided: AWS-SG-011
    for_each = var.service_ports
    content {
      description = "service port ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_security_group" "web" {
  name        = "web-sg"
  description = "Web tier"

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0", "::/0"]
  }

  egress {
    description = "egress does not count"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "web_http" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  description       = "HTTP"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "web_health" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  description       = "health checks, the third rule"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}
