variable "name" {
  type = string
}

variable "cidr" {
  type = string
}

variable "create_vpc" {
  type    = bool
  default = true
}

variable "enable_flow_log" {
  type    = bool
  default = false
}

variable "secondary_cidr_blocks" {
  type    = list(string)
  default = []
}

locals {
  enable_flow_log = var.create_vpc && var.enable_flow_log
  # As terraform-aws-vpc writes it: the association's vpc_id first.
  vpc_id = try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.this[0].id, "")
}

resource "aws_vpc" "this" { # expect: AWS-VPC-001
  count = var.create_vpc ? 1 : 0

  cidr_block = var.cidr
  tags       = { Name = var.name }
}

resource "aws_vpc_ipv4_cidr_block_association" "this" {
  count = var.create_vpc && length(var.secondary_cidr_blocks) > 0 ? length(var.secondary_cidr_blocks) : 0

  vpc_id     = aws_vpc.this[0].id
  cidr_block = element(var.secondary_cidr_blocks, count.index)
}

resource "aws_flow_log" "this" {
  count = local.enable_flow_log ? 1 : 0

  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
  traffic_type         = "ALL"
  vpc_id               = local.vpc_id
}
