module "app" {
  for_each = { blue = 1, green = 2 }
  source   = "./modules/app"
  name     = each.key
  size     = each.value
}
output "sizes" { value = { for k, m in module.app : k => m.size } }
output "blue" { value = module.app["blue"].label }
