resource "terraform_data" "a" {
  input = module.m.other
}
module "m" {
  source = "./modules/m"
  in     = terraform_data.a.id
}
output "a" { value = terraform_data.a.input }
