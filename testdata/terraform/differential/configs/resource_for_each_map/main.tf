locals {
  buckets = {
    logs = { versioning = true, days = 30 }
    data = { versioning = false, days = 365 }
  }
}
resource "terraform_data" "b" {
  for_each = local.buckets
  input = {
    name       = each.key
    versioning = each.value.versioning
    days       = each.value.days
  }
}
output "names" { value = [for k, v in terraform_data.b : v.input.name] }
output "logs_days" { value = terraform_data.b["logs"].input.days }
