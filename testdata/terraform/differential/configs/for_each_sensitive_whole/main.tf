resource "terraform_data" "x" {
  for_each = sensitive({ k = 1 })
  input    = each.key
}
