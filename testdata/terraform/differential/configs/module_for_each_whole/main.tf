module "m" {
  for_each = toset(["x", "y"])
  source   = "./child"
  name     = each.value
}
output "all" { value = module.m }
