module "outer" {
  for_each = toset(["a", "b"])
  source   = "./outer"
  name     = each.key
}
output "names" { value = { for k, m in module.outer : k => m.names } }
