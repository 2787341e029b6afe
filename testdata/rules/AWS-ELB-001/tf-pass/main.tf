resource "aws_lb" "web" {
  name            = "web"
  subnets         = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  security_groups = ["sg-0a1b2c3d"]

  access_logs {
    bucket  = "acme-lb-logs"
    prefix  = "web"
    enabled = true
  }
}

# A Gateway Load Balancer has no access logs to turn on.
resource "aws_lb" "inspection" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d"]
}

# aws_elb's access_logs block is on unless it says otherwise.
resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d"]

  access_logs {
    bucket   = "acme-lb-logs"
    interval = 5
  }

  listener {
    lb_port           = 443
    lb_protocol       = "tcp"
    instance_port     = 443
    instance_protocol = "tcp"
  }
}
