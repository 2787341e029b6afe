# Four rules surely exist; a fifth exists only when var.extra_ports is
# non-empty, which is not known. The group has more than three rules
# however the fifth turns out: a finding, at the fourth certain rule.

variable "extra_ports" {
  type = list(number)
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application tier"
  vpc_id      = "vpc-0123456789abcdef0"
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.app.id
  description       = "https"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  security_group_id = aws_security_group.app.id
  description       = "http"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "health" {
  security_group_id = aws_security_group.app.id
  description       = "health checks"
  ip_protocol       = "tcp"
  from_port         = 8080
  to_port           = 8080
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "metrics" { # expect: AWS-SG-011
  security_group_id = aws_security_group.app.id
  description       = "metrics"
  ip_protocol       = "tcp"
  from_port         = 9090
  to_port           = 9090
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "extra" {
  count             = length(var.extra_ports)
  security_group_id = aws_security_group.app.id
  description       = "extra"
  ip_protocol       = "tcp"
  from_port         = var.extra_ports[count.index]
  to_port           = var.extra_ports[count.index]
  cidr_ipv4         = "10.0.0.0/8"
}
