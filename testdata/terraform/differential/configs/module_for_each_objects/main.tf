locals {
  envs = {
    dev  = { size = 1, tags = { tier = "low" } }
    prod = { size = 3, tags = { tier = "high" } }
  }
}
module "env" {
  for_each = local.envs
  source   = "./env"
  name     = each.key
  cfg      = each.value
}
output "summary" { value = { for k, m in module.env : k => m.summary } }
