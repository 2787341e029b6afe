# An application root module with a VPC of its own, logged through a
# module call.

resource "aws_vpc" "app" {
  cidr_block = "10.2.0.0/16"
}

module "flow_log" {
  source = "../modules/flow_log"
  vpc_id = aws_vpc.app.id
}
