# The network root module: no trail here, the other root module has it.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
