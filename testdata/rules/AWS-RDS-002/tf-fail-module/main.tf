module "db" {
  source = "./modules/db"
  name   = "orders"
  public = true
}
