# The account baseline's VPCs, each with a VPC-level flow log; the default
# VPC adopted by Terraform too.

resource "aws_vpc" "core" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_cloudwatch_log_group" "flow_logs" {
  name              = "vpc-flow-logs"
  retention_in_days = 365
}

resource "aws_flow_log" "core" {
  vpc_id          = aws_vpc.core.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow_logs.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

resource "aws_default_vpc" "default" {}

resource "aws_flow_log" "default" {
  vpc_id               = aws_default_vpc.default.id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
