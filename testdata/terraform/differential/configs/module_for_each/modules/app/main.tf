variable "name" {}
variable "size" { type = number }
resource "terraform_data" "this" {
  input = "${var.name}:${var.size}"
}
output "size" { value = var.size * 10 }
output "label" { value = upper(var.name) }
