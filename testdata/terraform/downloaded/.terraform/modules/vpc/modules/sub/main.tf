variable "vpc_id" {
  type = string
}

resource "aws_subnet" "s" {
  vpc_id     = var.vpc_id
  cidr_block = "10.9.1.0/24"
}
