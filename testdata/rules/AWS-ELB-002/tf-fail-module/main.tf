# The listeners are declared in a module given the load balancer's ARN:
# the load balancer is outside the module, the listeners are judged.
module "plain" {
  source            = "./modules/listener"
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  redirect          = false
}

module "redirected" {
  source            = "./modules/listener"
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  redirect          = true
}
