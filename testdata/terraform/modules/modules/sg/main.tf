variable "name" {
  type = string
}

variable "cidr_blocks" {
  type = list(string)
}

resource "aws_security_group" "this" {
  count = 1
  name  = var.name

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.cidr_blocks
  }
}

module "rules" {
  source = "../rules"
  sg_id  = aws_security_group.this[0].id
  cidrs  = var.cidr_blocks
}

output "security_group_id" {
  value = aws_security_group.this[0].id
}

output "rule_count" {
  value = length(var.cidr_blocks)
}

output "all_ids" {
  value = aws_security_group.this[*].id
}
