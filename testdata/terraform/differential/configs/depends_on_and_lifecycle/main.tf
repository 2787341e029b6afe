resource "terraform_data" "a" {
  input = "a"
}
resource "terraform_data" "b" {
  input      = "b"
  depends_on = [terraform_data.a]
  lifecycle {
    create_before_destroy = true
  }
}
output "b" { value = terraform_data.b.input }
