variable "instances" {
  type = number
}

variable "buckets" {
  type = set(string)
}

data "aws_availability_zones" "azs" {}

resource "aws_instance" "web" {
  count         = var.instances
  ami           = "ami-1"
  instance_type = "t3.${count.index}"
}

resource "aws_s3_bucket" "b" {
  for_each = var.buckets
  bucket   = each.value
}

resource "aws_subnet" "az" {
  count             = length(data.aws_availability_zones.azs.names)
  availability_zone = data.aws_availability_zones.azs.names[count.index]
  cidr_block        = cidrsubnet("10.0.0.0/16", 8, count.index)
}

resource "aws_eip" "ip" {
  instance = aws_instance.web[0].id
  domain   = upper(var.buckets == null ? "vpc" : "standard")
}
