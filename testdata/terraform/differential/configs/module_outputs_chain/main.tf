module "a" {
  source = "./a"
}
module "b" {
  source = "./b"
  in     = module.a.out
}
resource "terraform_data" "root" {
  input = [module.a.out, module.b.out]
}
output "b" { value = module.b.out }
