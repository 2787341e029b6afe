module "role" {
  source = "./modules/role"
}
