variable "name" { default = "My App_Name" }
locals {
  slug = lower(replace(var.name, "/[^a-zA-Z0-9]+/", "-"))
}
resource "terraform_data" "n" {
  input = substr(local.slug, 0, 6)
}
output "slug" { value = local.slug }
output "short" { value = terraform_data.n.input }
