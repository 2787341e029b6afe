locals {
  cfg = jsondecode(file("${path.module}/cfg.json"))
  yml = yamldecode(file("${path.module}/cfg.yaml"))
}
resource "terraform_data" "svc" {
  for_each = local.cfg.services
  input    = merge(each.value, { name = each.key, region = local.yml.region })
}
output "names" { value = keys(local.cfg.services) }
output "yaml" { value = local.yml }
