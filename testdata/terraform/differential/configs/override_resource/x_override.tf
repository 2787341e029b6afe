resource "terraform_data" "x" {
  input = "overridden"
}
