module "m" {
  source = "./child"
}
output "all" { value = module.m }
output "keys" { value = keys(module.m) }
