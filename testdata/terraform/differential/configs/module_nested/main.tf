module "outer" {
  source = "./modules/outer"
  prefix = "p"
}
output "deep" { value = module.outer.deep }
