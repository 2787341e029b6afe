# A flow log for a VPC given by a variable without a value may be this
# VPC's: undecided.
variable "vpc_id" {
  type = string
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "given" {
  vpc_id               = var.vpc_id # undecided: AWS-VPC-001
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
