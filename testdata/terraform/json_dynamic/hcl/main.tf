variable "extra_cidrs" {}

locals {
  rules = {
    web   = { ports = [80, 443], cidrs = ["10.0.0.0/8"] }
    admin = { ports = [22], cidrs = ["192.168.1.0/24", "192.168.2.0/24"] }
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 8443
    to_port     = 8443
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  dynamic "ingress" {
    for_each = local.rules
    iterator = rule
    content {
      description = rule.key
      from_port   = rule.value.ports[0]
      to_port     = rule.value.ports[0]
      cidr_blocks = rule.value.cidrs
    }
  }

  dynamic "egress" {
    for_each = var.extra_cidrs
    content {
      cidr_blocks = [egress.value]
      from_port   = 0
    }
  }
}

resource "aws_wafv2_web_acl" "acl" {
  name = "acl"

  dynamic "rule" {
    for_each = local.rules
    content {
      name = rule.key

      dynamic "statement" {
        for_each = rule.value.ports
        iterator = port
        content {
          port  = port.value
          cidrs = rule.value.cidrs
          vpc   = aws_vpc.main.id
        }
      }
    }
  }
}

resource "aws_wafv2_rule_group" "group" {
  name = "group"

  rule {
    name = "literal"

    dynamic "statement" {
      for_each = local.rules.admin.cidrs
      content {
        cidr = statement.value
      }
    }
  }
}
