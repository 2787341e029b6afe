variable "name" {
  type = string
}

variable "admin_cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "Administrative access"

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = var.admin_cidrs # expect: AWS-SG-002
  }
}

output "id" {
  value = aws_security_group.this.id
}
