variable "v" { default = 1 }
resource "terraform_data" "x" {
  count = 0
  input = length(var.v)
}
output "n" { value = length(terraform_data.x) }
