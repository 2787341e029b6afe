resource "terraform_data" "a" {
  input = local.x
}
locals {
  x = terraform_data.a.output
}
