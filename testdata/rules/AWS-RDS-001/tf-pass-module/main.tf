# The module encrypts by default, and this call does not turn it off.
module "db" {
  source = "./modules/db"
  name   = "orders"
}
