locals {
  rules = {
    web = {
      ports = [80, 443]
      cidrs = ["10.0.0.0/8"]
    }
    admin = {
      ports = [22]
      cidrs = ["192.168.1.0/24", "192.168.2.0/24"]
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
        }
      }
    }
  }

  lifecycle {
    prevent_destroy = true
    ignore_changes  = [name]
  }

  provisioner "local-exec" {
    command = "echo ${self.id}"
  }
}

output "acl_name" {
  value     = aws_wafv2_web_acl.acl.name
  sensitive = true
}
