resource "aws_lb" "web" { # expect: AWS-ELB-001
  name            = "web"
  subnets         = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  security_groups = ["sg-0a1b2c3d"]
}

# The provider turns aws_lb access logs on only when enabled = true is
# written: a bucket alone logs nothing.
resource "aws_lb" "api" {
  name            = "api"
  subnets         = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  security_groups = ["sg-0a1b2c3d"]

  access_logs { # expect: AWS-ELB-001
    bucket = "acme-lb-logs"
    prefix = "api"
  }
}

resource "aws_alb" "admin" {
  name    = "admin"
  subnets = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]

  access_logs {
    bucket  = "acme-lb-logs"
    enabled = false # expect: AWS-ELB-001
  }
}

resource "aws_lb" "tcp" { # expect: AWS-ELB-001
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d"]
}

resource "aws_elb" "legacy" { # expect: AWS-ELB-001
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d"]

  listener {
    lb_port           = 443
    lb_protocol       = "tcp"
    instance_port     = 443
    instance_protocol = "tcp"
  }
}
