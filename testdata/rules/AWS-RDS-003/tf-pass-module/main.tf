# The module keeps 14 days unless told otherwise.
module "db" {
  source = "./modules/db"
  name   = "orders"
}
