module "m" {
  source = "./child"
}
output "input" { value = module.m.res.input }
output "keys" { value = sort(keys(module.m.res)) }
