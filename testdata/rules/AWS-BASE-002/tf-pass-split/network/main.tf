# The network root module: no recorder here, the config root module has it.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
