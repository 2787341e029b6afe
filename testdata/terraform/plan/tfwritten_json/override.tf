resource "terraform_data" "overridden" {
  input = "from override.tf"
}
