variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
locals {
  header = "Bearer ${var.token}"
}
output "header" { value = local.header }
