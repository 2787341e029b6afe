resource "terraform_data" "a" {
  count = length(terraform_data.b)
  input = 1
}
resource "terraform_data" "b" {
  count = 2
  input = terraform_data.a[0].id
}
