resource "terraform_data" "first" {
  input = "first"
}
module "m" {
  source     = "./child"
  depends_on = [terraform_data.first]
  v          = "x"
}
output "out" { value = module.m.out }
