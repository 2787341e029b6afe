resource "terraform_data" "a" {
  input = { k = "v" }
}
output "whole" { value = terraform_data.a }
output "input" { value = terraform_data.a.input }
