# The network root module of an account baseline split in two: its VPC has
# no flow log here, and the logging root module's one names another VPC.

resource "aws_vpc" "main" { # expect: AWS-BASE-007
  cidr_block = "10.0.0.0/16"
}

output "vpc_id" {
  value = aws_vpc.main.id
}
