locals {
  n = 3
}
check "c" {
  assert {
    condition     = local.m == 3
    error_message = "m is not declared."
  }
}
output "n" { value = local.n }
