variable "in" {}
locals {
  l = var.in
}
output "out" { value = local.l }
output "other" { value = 1 }
