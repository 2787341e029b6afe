variable "vpn_peers" {
  type    = list(string)
  default = ["203.0.113.10/32", "203.0.113.11/32"]
}

resource "aws_security_group" "vpn" {
  name        = "vpn-sg"
  description = "OpenVPN and WireGuard endpoints"

  ingress {
    description = "OpenVPN"
    from_port   = 1194
    to_port     = 1194
    protocol    = "udp"
    cidr_blocks = ["0.0.0.0/0"] # expect: AWS-SG-006
  }

  ingress {
    description = "WireGuard peers"
    from_port   = 51820
    to_port     = 51820
    protocol    = "udp"
    cidr_blocks = var.vpn_peers # expect: AWS-SG-006, AWS-SG-006
  }
}

resource "aws_security_group_rule" "ping" {
  type              = "ingress"
  security_group_id = aws_security_group.vpn.id
  description       = "ping from anywhere"
  from_port         = -1
  to_port           = -1
  protocol          = "icmp"
  cidr_blocks       = ["0.0.0.0/0"] # expect: AWS-SG-006
}

resource "aws_vpc_security_group_ingress_rule" "icmpv6" {
  security_group_id = aws_security_group.vpn.id
  description       = "ICMPv6"
  ip_protocol       = "icmpv6"
  from_port         = -1
  to_port           = -1
  cidr_ipv6         = "2001:db8::/32" # expect: AWS-SG-006
}

# All traffic lets UDP and ICMP through, from anywhere.
resource "aws_security_group_rule" "all_traffic" {
  type              = "ingress"
  security_group_id = aws_security_group.vpn.id
  description       = "everything from anywhere"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"] # expect: AWS-SG-006
}
