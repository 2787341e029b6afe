variable "app_ports" {
  type = list(object({ from = number, to = number }))
  default = [
    { from = 8080, to = 8080 },
    { from = 9000, to = 9010 },
  ]
}

resource "aws_security_group" "app" {
  name        = "app-sg"
  description = "App servers"

  ingress { # expect: AWS-SG-005
    description = "ephemeral ports"
    from_port   = 32768
    to_port     = 60999
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  dynamic "ingress" { # expect: AWS-SG-005
    for_each = var.app_ports
    content {
      description = "app ports ${ingress.value.from}-${ingress.value.to}"
      from_port   = ingress.value.from
      to_port     = ingress.value.to
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}

resource "aws_security_group_rule" "rtp" { # expect: AWS-SG-005
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  description       = "RTP media"
  from_port         = 10000
  to_port           = 20000
  protocol          = "udp"
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_vpc_security_group_ingress_rule" "nfs" { # expect: AWS-SG-005
  security_group_id = aws_security_group.app.id
  description       = "NFS and portmapper"
  ip_protocol       = "tcp"
  from_port         = 2049
  to_port           = 2050
  cidr_ipv4         = "10.0.0.0/8"
}
