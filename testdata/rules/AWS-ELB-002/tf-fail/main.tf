resource "aws_lb" "web" {
  name            = "web"
  subnets         = ["subnet-0a1b2c3d", "subnet-0e1f2a3b"]
  security_groups = ["sg-0a1b2c3d"]
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d"
}

# No protocol: the provider sends HTTP for an Application Load Balancer.
resource "aws_lb_listener" "http" { # expect: AWS-ELB-002
  load_balancer_arn = aws_lb.web.arn
  port              = 80

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

# A listener rule that redirects some paths leaves the rest on HTTP.
resource "aws_alb_listener" "admin" {
  load_balancer_arn = aws_lb.web.arn
  port              = 81
  protocol          = "HTTP" # expect: AWS-ELB-002

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_rule" "admin_to_https" {
  listener_arn = aws_alb_listener.admin.arn
  priority     = 1

  action {
    type = "redirect"

    redirect {
      protocol    = "HTTPS"
      port        = "443"
      status_code = "HTTP_301"
    }
  }

  condition {
    path_pattern {
      values = ["/admin/*"]
    }
  }
}

# No ssl_policy: the provider's default is ELBSecurityPolicy-2016-08.
resource "aws_lb_listener" "https" { # expect: AWS-ELB-002
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "https_old" {
  load_balancer_arn = aws_lb.web.arn
  port              = 8443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-0-2021-06" # expect: AWS-ELB-002
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d"]

  listener {
    lb_port           = 80
    lb_protocol       = "http" # expect: AWS-ELB-002
    instance_port     = 80
    instance_protocol = "http"
  }

  # No listener policy anywhere: AWS's default, ELBSecurityPolicy-2016-08.
  listener { # expect: AWS-ELB-002
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 80
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
  }
}
