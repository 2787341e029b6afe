# The group is created in the module, as terraform-aws-modules/rds does.
module "db" {
  source = "./modules/db"
  name   = "orders"
  parameters = [
    { name = "require_secure_transport", value = "1" },
  ]
}
