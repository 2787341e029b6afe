# The load balancer and its target group live in the root module; the
# service module registers its instance in the target group it is given.
resource "aws_lb_target_group" "api" {
  name     = "api"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}

module "api" {
  source           = "./modules/service"
  target_group_arn = aws_lb_target_group.api.arn
}
