variable "port" {
  type    = number
  default = 22
}

variable "cidrs" {
  type = list(string)
}

resource "aws_security_group" "this" {
  name        = "admin"
  description = "Admin access"
  vpc_id      = "vpc-0a1b2c3d4e5f67890"

  ingress {
    description = "Admin port"
    from_port   = var.port
    to_port     = var.port
    protocol    = "tcp"
    cidr_blocks = var.cidrs
  }
}
