locals {
  n = 3
}
output "n" {
  value = local.n
  precondition {
    condition     = local.n < 2
    error_message = "n is too big."
  }
}
