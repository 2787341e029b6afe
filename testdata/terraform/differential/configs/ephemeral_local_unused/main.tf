variable "token" {
  type      = string
  default   = "t0k3n"
  ephemeral = true
}
locals {
  header = "Bearer ${var.token}"
}
resource "terraform_data" "x" {
  input = ephemeralasnull(local.header)
}
output "len" { value = "ok" }
