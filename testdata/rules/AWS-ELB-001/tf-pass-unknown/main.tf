variable "log_bucket" {
  type = string
}

variable "access_logs" {
  type = bool
}

variable "access_log_buckets" {
  type = list(string)
}

# Whether it logs is the deployer's choice: undecided, not a finding.
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]

  access_logs {
    bucket  = var.log_bucket
    enabled = var.access_logs # undecided: AWS-ELB-001
  }
}

# A dynamic block over an unknown list may write no block at all.
resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d"]

  dynamic "access_logs" { # undecided: AWS-ELB-001
    for_each = var.access_log_buckets
    content {
      bucket = access_logs.value
    }
  }

  listener {
    lb_port           = 443
    lb_protocol       = "tcp"
    instance_port     = 443
    instance_protocol = "tcp"
  }
}

# The load balancer's type is not known, but no type turns logging on by
# itself: it is judged once the type could log.
resource "aws_lb" "any" {
  name               = "any"
  load_balancer_type = var.log_bucket # undecided: AWS-ELB-001
  subnets            = ["subnet-0a1b2c3d"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false
  }
}
