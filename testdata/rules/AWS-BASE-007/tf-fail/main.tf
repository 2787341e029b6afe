# Two VPCs of the account baseline; the shared-services VPC has no
# VPC-level flow log.

resource "aws_vpc" "core" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "core" {
  vpc_id               = aws_vpc.core.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

resource "aws_vpc" "shared" { # expect: AWS-BASE-007
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "shared" {
  vpc_id     = aws_vpc.shared.id
  cidr_block = "10.1.0.0/24"
}

# A subnet's flow log records that subnet only.
resource "aws_flow_log" "shared_subnet" {
  subnet_id            = aws_subnet.shared.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

# A literal VPC ID names a VPC created outside the scan.
resource "aws_flow_log" "legacy" {
  vpc_id               = "vpc-0a1b2c3d4e5f60718"
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
