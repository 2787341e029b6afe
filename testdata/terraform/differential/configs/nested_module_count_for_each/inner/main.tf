variable "name" {}
resource "terraform_data" "leaf" { input = var.name }
output "name" { value = terraform_data.leaf.input }
