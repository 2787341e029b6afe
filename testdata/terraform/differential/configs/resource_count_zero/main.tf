resource "terraform_data" "x" {
  count = 0
  input = "never"
}
output "inputs" { value = terraform_data.x[*].input }
output "length" { value = length(terraform_data.x) }
