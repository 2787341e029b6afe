variable "name" {
  type = string
}

variable "access_logs" {
  type = bool
}

resource "aws_lb" "this" {
  name    = var.name
  subnets = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = var.access_logs # expect: AWS-ELB-001
  }
}
