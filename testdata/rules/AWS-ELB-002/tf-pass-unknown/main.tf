variable "ssl_policy" {
  type = string
}

variable "load_balancer_arn" {
  type = string
}

variable "protocol" {
  type = string
}

# The policy is the caller's choice: undecided, not a finding.
resource "aws_lb_listener" "https" {
  load_balancer_arn = var.load_balancer_arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy # undecided: AWS-ELB-002
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0a1b2c3d"
  }
}

# The protocol is the caller's: it may be HTTP without a redirect.
resource "aws_lb_listener" "any" {
  load_balancer_arn = var.load_balancer_arn
  port              = 8080
  protocol          = var.protocol # undecided: AWS-ELB-002
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0a1b2c3d"
  }
}

# A policy name the table does not list is neither old nor fine.
resource "aws_lb_listener" "unlisted" {
  load_balancer_arn = var.load_balancer_arn
  port              = 9443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-Future-2031-01" # undecided: AWS-ELB-002
  certificate_arn   = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0a1b2c3d"
  }
}

# A listener policy resource may attach any policy to the classic
# listener: its policies are not read, so the listener is undecided.
resource "aws_elb" "legacy" {
  name    = "legacy"
  subnets = ["subnet-0a1b2c3d"]

  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 80
    instance_protocol  = "http"
    ssl_certificate_id = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666"
  }
}

resource "aws_load_balancer_policy" "tls12" {
  load_balancer_name = aws_elb.legacy.name
  policy_name        = "tls12"
  policy_type_name   = "SSLNegotiationPolicyType"

  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}

resource "aws_load_balancer_listener_policy" "tls12" { # undecided: AWS-ELB-002
  load_balancer_name = aws_elb.legacy.name
  load_balancer_port = 443
  policy_names       = [aws_load_balancer_policy.tls12.policy_name]
}
