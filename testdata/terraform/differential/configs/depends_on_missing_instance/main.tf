resource "terraform_data" "a" {
  count = 2
  input = 1
}
resource "terraform_data" "b" {
  input      = 1
  depends_on = [terraform_data.a[5], terraform_data.a["k"]]
}
