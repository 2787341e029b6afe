resource "aws_vpc" "main" { # expect: AWS-VPC-001
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

# Flow logs on a subnet and on a VPC given by ID do not log aws_vpc.main.
resource "aws_flow_log" "subnet" {
  subnet_id            = aws_subnet.private.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

resource "aws_flow_log" "shared" {
  vpc_id               = "vpc-0123456789abcdef0"
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

# The region's default VPC, adopted by Terraform, is a VPC of the scan too.
resource "aws_default_vpc" "default" { # expect: AWS-VPC-001
}

# A flow log switched off by a variable with a default.
variable "enable_flow_log" {
  type    = bool
  default = false
}

resource "aws_vpc" "switched_off" { # expect: AWS-VPC-001
  cidr_block = "10.1.0.0/16"
}

resource "aws_flow_log" "switched_off" {
  count                = var.enable_flow_log ? 1 : 0
  vpc_id               = aws_vpc.switched_off.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}

# A logged VPC in the same module: no finding.
resource "aws_vpc" "logged" {
  cidr_block = "10.2.0.0/16"
}

resource "aws_flow_log" "logged" {
  vpc_id          = aws_vpc.logged.id
  traffic_type    = "REJECT"
  log_destination = "arn:aws:s3:::example-flow-logs"

  log_destination_type = "s3"
}
