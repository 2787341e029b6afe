variable "service_ports" {
  type    = list(number)
  default = [8080, 8443, 9090, 9100, 9200]
}

resource "aws_security_group" "services" {
  name        = "services-sg"
  description = "Service mesh"

  dynamic "ingress" { # expect: AWS-SG-011
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
    description = "HTTP"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "web_health" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  description       = "health checks"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_vpc_security_group_ingress_rule" "web_metrics" { # expect: AWS-SG-011
  security_group_id = aws_security_group.web.id
  description       = "metrics"
  ip_protocol       = "tcp"
  from_port         = 9090
  to_port           = 9090
  cidr_ipv4         = "10.0.0.0/8"
}
