locals {
  env    = "prod"
  name   = "app-${local.env}"
  ports  = [80, 443]
  rules  = { for p in local.ports : tostring(p) => { port = p, name = "${local.name}-${p}" } }
  first  = local.rules["80"].name
}
output "name" { value = local.name }
output "rules" { value = local.rules }
output "first" { value = local.first }
