variable "name" {}
resource "terraform_data" "this" {
  input = { name = var.name }
}
output "name" { value = var.name }
