resource "terraform_data" "a" {
  input = module.m.out
}
module "m" {
  source = "./modules/m"
  in     = terraform_data.a.id
}
