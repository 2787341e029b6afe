# An account baseline in one root module; the app VPC has no flow log, the
# core VPC has one.

resource "aws_vpc" "core" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "core" {
  vpc_id               = aws_vpc.core.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

resource "aws_vpc" "app" {
  cidr_block = "10.1.0.0/16"
}
