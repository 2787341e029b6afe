resource "terraform_data" "x" {
  input = "original"
}
output "x" { value = terraform_data.x.input }
