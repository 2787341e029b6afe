variable "n" { default = 2 }
module "m" {
  count  = var.n
  source = "./child"
  i      = count.index
}
output "values" { value = module.m[*].v }
