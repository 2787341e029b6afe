# The network root module of an account baseline split in two: its VPC's
# flow log is in the logging root module.

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

output "vpc_id" {
  value = aws_vpc.main.id
}
