locals {
  x = "main"
}
output "x" { value = local.x }
