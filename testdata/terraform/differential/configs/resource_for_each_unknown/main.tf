resource "terraform_data" "a" {
  input = 1
}
resource "terraform_data" "b" {
  for_each = toset([terraform_data.a.id])
  input    = each.key
}
