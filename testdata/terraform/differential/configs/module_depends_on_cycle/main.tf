resource "terraform_data" "a" {
  input = module.m.other
}
module "m" {
  source     = "./modules/m"
  in         = 1
  depends_on = [terraform_data.a]
}
