# The logging root module: its flow log names a VPC by a literal ID, a VPC
# created outside the scan.

resource "aws_flow_log" "legacy" {
  vpc_id               = "vpc-0a1b2c3d4e5f60718"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
