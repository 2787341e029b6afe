module "m" {
  count  = 2
  source = "./child"
  n      = count.index
}
locals {
  all = module.m[*].out
}
output "all" { value = local.all }
output "flat" { value = flatten([for o in local.all : o.list]) }
