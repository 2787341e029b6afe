provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Environment = "prod"
    }
  }
}

variable "extra_tags" {
  type        = map(string)
  description = "Tags chosen by whoever applies the configuration."
}

variable "owner" {
  type        = string
  description = "The owning team."
}

resource "aws_s3_bucket" "logs" { # expect: AWS-TAG-001
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
  tags = {
    Owner = var.owner
  }
}

resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.web.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}

resource "aws_autoscaling_group" "workers" {
  min_size           = 1
  max_size           = 2
  availability_zones = ["eu-west-1a"]
  launch_template {
    id      = "lt-0123456789abcdef0"
    version = "1"
  }
  tag { # expect: AWS-TAG-001
    key                 = "Owner"
    value               = "batch"
    propagate_at_launch = true
  }
}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  tags = var.extra_tags # undecided: AWS-TAG-001
}

module "queue" {
  source = "./modules/queue"
}
