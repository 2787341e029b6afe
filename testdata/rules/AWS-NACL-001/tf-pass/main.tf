variable "vpn_cidr" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 10
    action     = "deny"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 20
    action     = "deny"
    protocol   = "tcp"
    from_port  = 3389
    to_port    = 3389
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "0.0.0.0/0"
  }

  # Covers 3389, but the deny numbered 20 decides first.
  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "0.0.0.0/0"
  }

  ingress {
    rule_no    = 120
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = "10.0.0.0/16"
  }

  ingress {
    rule_no    = 130
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = var.vpn_cidr # undecided: AWS-NACL-001
  }
}

# The default ACL, managed with no entries: it denies everything.
resource "aws_default_network_acl" "this" {
  default_network_acl_id = aws_vpc.main.default_network_acl_id
}

variable "open_ssh" {
  type = bool
}

# A rule that may not exist (its count is not known) is undecided.
resource "aws_network_acl_rule" "maybe_ssh" { # undecided: AWS-NACL-001
  count          = var.open_ssh ? 1 : 0
  network_acl_id = aws_network_acl.private.id
  rule_number    = 100
  protocol       = "tcp"
  rule_action    = "allow"
  from_port      = 22
  to_port        = 22
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl" "private" {
  vpc_id = aws_vpc.main.id
}

# An entry resource beside inline entries is removed by the next apply of
# the ACL, so it may not be in effect: undecided.
resource "aws_network_acl" "managed" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "10.0.0.0/8"
  }
}

resource "aws_network_acl_rule" "contested" { # undecided: AWS-NACL-001
  network_acl_id = aws_network_acl.managed.id
  rule_number    = 300
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}
