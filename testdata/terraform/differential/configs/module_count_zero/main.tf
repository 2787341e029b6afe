module "m" {
  count  = 0
  source = "./child"
}
output "all" { value = module.m }
output "names" { value = module.m[*].name }
