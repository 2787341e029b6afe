variable "sg_id" {
  type = string
}

variable "cidrs" {
  type = list(string)
}

resource "aws_security_group_rule" "egress" {
  type              = "egress"
  security_group_id = var.sg_id
  cidr_blocks       = var.cidrs
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
}
