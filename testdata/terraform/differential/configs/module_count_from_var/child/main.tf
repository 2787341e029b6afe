variable "i" { type = number }
resource "terraform_data" "r" {
  count = var.i + 1
  input = var.i * 10 + count.index
}
output "v" { value = terraform_data.r[*].input }
