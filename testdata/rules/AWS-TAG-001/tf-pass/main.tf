provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Environment = "prod"
      Owner       = "platform"
    }
  }
}

variable "name_suffix" {
  type        = string
  description = "Appended to names."
}

locals {
  common_tags = {
    CostCenter = "1234"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_s3_bucket_policy" "logs" {
  bucket = aws_s3_bucket.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "${aws_s3_bucket.logs.arn}/*"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier"
  tags = merge(local.common_tags, {
    Name = "web-${var.name_suffix}"
  })
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_autoscaling_group" "workers" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["eu-west-1a"]
  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "1"
  }
  tag {
    key                 = "Environment"
    value               = "prod"
    propagate_at_launch = true
  }
  tag {
    key                 = "Owner"
    value               = "batch"
    propagate_at_launch = true
  }
}
