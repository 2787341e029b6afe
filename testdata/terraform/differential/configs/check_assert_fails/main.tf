locals {
  n = 3
}
resource "terraform_data" "x" {
  input = local.n
}
check "small" {
  assert {
    condition     = local.n < 2
    error_message = "n is ${local.n}."
  }
  assert {
    condition     = terraform_data.x.id == "never"
    error_message = "known only after apply."
  }
}
output "n" { value = local.n }
