variable "admin_group_id" {
  type = string
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
}

resource "aws_security_group_rule" "ssh" { # expect: AWS-SG-014
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  description              = "SSH from the admin group"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  source_security_group_id = var.admin_group_id
}
