variable "on" {
  type = bool
}

variable "vpc_id" {
  type = string
}

variable "egress" {
  type = bool
}

resource "aws_vpc" "main" {
  cidr_block                       = "10.0.0.0/16"
  assign_generated_ipv6_cidr_block = true
}

resource "aws_vpc_ipv4_cidr_block_association" "extra" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id       = aws_vpc_ipv4_cidr_block_association.extra.vpc_id
  traffic_type = "all"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_flow_log" "subnet" {
  subnet_id    = aws_subnet.a.id
  traffic_type = "ALL"
}

resource "aws_vpc" "other" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_flow_log" "maybe" {
  count                = var.on ? 1 : 0
  vpc_id               = aws_vpc.other.id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
}

resource "aws_flow_log" "unknown" {
  vpc_id       = var.vpc_id
  traffic_type = "ACCEPT"
}

resource "aws_network_acl" "inline" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "ALLOW"
    protocol   = "6"
    from_port  = 22
    to_port    = 22
    cidr_block = "0.0.0.0/0"
  }
}

resource "aws_network_acl_rule" "contested" {
  network_acl_id = aws_network_acl.inline.id
  rule_number    = 200
  protocol       = "all"
  rule_action    = "deny"
  from_port      = 22
  to_port        = 22
  cidr_block     = "0.0.0.0/0"
}

resource "aws_network_acl" "plain" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.a.id]
}

resource "aws_network_acl_rule" "either_way" {
  network_acl_id  = aws_network_acl.plain.id
  egress          = var.egress
  rule_number     = 100
  protocol        = "udp"
  rule_action     = "allow"
  from_port       = 3389
  to_port         = 3389
  ipv6_cidr_block = "::/0"
}

resource "aws_network_acl_rule" "on_default" {
  network_acl_id = aws_vpc.main.default_network_acl_id
  rule_number    = 10
  protocol       = "tcp"
  rule_action    = "allow"
  from_port      = 22
  to_port        = 22
  cidr_block     = "10.0.0.0/8"
}

resource "aws_network_acl_rule" "external" {
  network_acl_id = "acl-0123456789abcdef0"
  egress         = true
  rule_number    = 10
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}

resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}

resource "aws_internet_gateway" "detached" {
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}

resource "aws_route" "nat" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "192.168.0.0/16"
  nat_gateway_id         = "nat-0123456789abcdef0"
}

resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.a.id
  route_table_id = aws_route_table.public.id
}

resource "aws_main_route_table_association" "main" {
  vpc_id         = aws_vpc.main.id
  route_table_id = aws_route_table.public.id
}
