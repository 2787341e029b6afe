resource "terraform_data" "a" {
  input = 1
}
resource "terraform_data" "b" {
  input      = 1
  depends_on = [terraform_data.a[0]]
}
