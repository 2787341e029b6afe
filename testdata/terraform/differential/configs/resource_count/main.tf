resource "terraform_data" "x" {
  count = 3
  input = "item-${count.index}"
}
output "inputs" { value = terraform_data.x[*].input }
output "second" { value = terraform_data.x[1].input }
