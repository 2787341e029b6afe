# Rule resources that name their group through functions, a local and
# for_each over the group, as terraform-aws-security-group writes them:
# every one folds into its group, so the groups have too many rules.

variable "create_sg" {
  type    = bool
  default = true
}

variable "ports" {
  type    = list(number)
  default = [80, 443, 8080, 9090]
}

resource "aws_security_group" "this" {
  count       = var.create_sg ? 1 : 0
  name        = "app"
  description = "app"
}

resource "aws_security_group" "this_name_prefix" {
  count       = 0
  name_prefix = "app-"
  description = "app"
}

locals {
  this_sg_id = var.create_sg ? concat(aws_security_group.this.*.id, aws_security_group.this_name_prefix.*.id, [""])[0] : ""
}

resource "aws_security_group_rule" "ingress" { # expect: AWS-SG-011
  count             = length(var.ports)
  type              = "ingress"
  security_group_id = local.this_sg_id
  description       = "port ${var.ports[count.index]}"
  from_port         = var.ports[count.index]
  to_port           = var.ports[count.index]
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_security_group" "per_tier" {
  for_each    = toset(["web", "db"])
  name        = each.key
  description = each.key
}

resource "aws_vpc_security_group_ingress_rule" "a" {
  for_each          = aws_security_group.per_tier
  security_group_id = each.value.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "b" {
  for_each          = aws_security_group.per_tier
  security_group_id = try(each.value.id, "")
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "c" {
  for_each          = aws_security_group.per_tier
  security_group_id = one([each.value.id])
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "d" { # expect: AWS-SG-011
  for_each          = aws_security_group.per_tier
  security_group_id = element(concat([each.value.id], [""]), 0)
  ip_protocol       = "tcp"
  from_port         = 8443
  to_port           = 8443
  cidr_ipv4         = "10.0.0.0/8"
}
