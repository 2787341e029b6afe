resource "terraform_data" "a" {
  input = "x"
  triggers_replace = [terraform_data.a.id]
}
