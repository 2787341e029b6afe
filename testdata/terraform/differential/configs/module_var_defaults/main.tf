module "m" {
  source = "./child"
  cfg    = { name = "given" }
}
output "cfg" { value = module.m.cfg }
output "plain" { value = module.m.plain }
