resource "terraform_data" "x" {
  input = { a = 1 }
}
output "res" { value = terraform_data.x }
