# The logging root module reads the VPC from the network module's state:
# its flow log may be the network VPC's.

data "terraform_remote_state" "network" {
  backend = "local"
  config = {
    path = "../network/terraform.tfstate"
  }
}

resource "aws_flow_log" "main" {
  vpc_id               = data.terraform_remote_state.network.outputs.vpc_id # undecided: AWS-BASE-007
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
