# The load balancer is declared in a module; its access logs are switched
# by the caller.
module "public" {
  source      = "./modules/lb"
  name        = "public"
  access_logs = false
}

module "logged" {
  source      = "./modules/lb"
  name        = "logged"
  access_logs = true
}
