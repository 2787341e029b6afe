module "encrypted" {
  source    = "./modules/data"
  encrypted = true
}

module "plain" {
  source    = "./modules/data"
  encrypted = false
}
