resource "terraform_data" "a" {
  input = ["x", "y"]
}
resource "terraform_data" "b" {
  input = concat(terraform_data.a.input, ["z"])
}
output "b" { value = terraform_data.b.input }
