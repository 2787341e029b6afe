module "key" {
  source = "./modules/key"
  name   = "orders"
}
