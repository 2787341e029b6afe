# Whether the flow log exists, or which VPC it logs, is not known before
# apply: the result is undecided, not a finding.
variable "enable_flow_log" {
  type = bool
}


resource "aws_vpc" "maybe_logged" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "maybe" { # undecided: AWS-VPC-001
  count                = var.enable_flow_log ? 1 : 0
  vpc_id               = aws_vpc.maybe_logged.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
